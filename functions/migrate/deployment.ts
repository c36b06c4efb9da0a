import { createHash } from 'node:crypto';
import * as z from 'zod';
import { type StoreConfig, tablesFor } from '../store/config';

/**
 * Where `npm run migrate -- --to <deployment>` writes: a small JSON file
 * (or the same fields as flags). Table names come from the deployment as the
 * AWS functions find them (TABLE_* of the Lambda environment, i.e. the stack's
 * generated names), or from a prefix (`<prefix>-directory`, …) as
 * `storeConfigFromEnv` builds them.
 *
 * ```json
 * { "region": "ap-northeast-1",
 *   "tables": { "directory": "…", "surveys": "…", "responses": "…", "feedback": "…" },
 *   "kmsKeyId": "alias/Koe/wrapping" }
 * ```
 *
 * `endpoint` points at DynamoDB Local instead of AWS; only there may
 * `localKeyDir` stand in for KMS (a local key file, as the Lambda bundle tests'
 * KOE_LOCAL_KEY_DIR), so a real deployment's keys are always wrapped by KMS.
 */

const TableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const Deployment = z
  .object({
    region: z.string().min(1).default('ap-northeast-1'),
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    tablesPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,200}$/)
      .optional(),
    tables: z
      .object({ directory: TableName, surveys: TableName, responses: TableName, feedback: TableName })
      .optional(),
    kmsKeyId: z.string().min(1).optional(),
    localKeyDir: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.tables && !d.tablesPrefix) {
      ctx.addIssue({ code: 'custom', message: 'give "tables" (the four names) or "tablesPrefix"' });
    }
    if (d.tables && d.tablesPrefix) {
      ctx.addIssue({ code: 'custom', message: 'give "tables" or "tablesPrefix", not both' });
    }
    if (!d.kmsKeyId && !d.localKeyDir) {
      ctx.addIssue({ code: 'custom', message: 'give "kmsKeyId": the KMS key that wraps koe’s keys on AWS' });
    }
    if (d.kmsKeyId && d.localKeyDir) {
      ctx.addIssue({ code: 'custom', message: 'give "kmsKeyId" or "localKeyDir", not both' });
    }
    if (d.localKeyDir && !(d.endpoint && LOOPBACK.has(new URL(d.endpoint).hostname))) {
      ctx.addIssue({
        code: 'custom',
        path: ['localKeyDir'],
        message:
          'a local key file stands in for KMS only with an endpoint on a loopback address (DynamoDB Local)',
      });
    }
  });
export type Deployment = z.infer<typeof Deployment>;

export function parseDeployment(input: unknown): Deployment {
  const parsed = Deployment.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new Error(`移行先の設定が正しくありません / invalid deployment: ${issues}`);
  }
  return parsed.data;
}

export function deploymentStoreConfig(d: Deployment): StoreConfig {
  return {
    region: d.region,
    ...(d.endpoint ? { endpoint: d.endpoint } : {}),
    tables: d.tables ?? tablesFor(d.tablesPrefix!),
  };
}

/** Names the target in a checkpoint: endpoint (or AWS), region and tables. */
export function deploymentId(d: Deployment): string {
  const config = deploymentStoreConfig(d);
  const text = JSON.stringify([config.endpoint ?? 'aws', config.region, config.tables]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
