/**
 * `npm run migrate -- --to <deployment.json>`: moves a local koe (the embedded
 * store in KOE_DATA_DIR, default .koe) into an AWS deployment's DynamoDB
 * tables, wrapping the keys it still needs again with KMS. Resumable (a
 * checkpoint file in the data directory) and verified at the end by counts
 * and checksums per table. See docs/DEPLOY.md, "Moving a local koe to AWS".
 *
 * Flags (each overrides the file's field): --endpoint, --tables-prefix,
 * --region, --kms-key-id, --target-key-dir (DynamoDB Local only),
 * --data-dir, --checkpoint.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createKmsApi, type KeyWrapper, KmsKeyWrapper, LocalFileKeyWrapper } from '../functions/crypto';
import { deploymentId, deploymentStoreConfig, parseDeployment } from '../functions/migrate/deployment';
import { MigrationError, migrate } from '../functions/migrate/migrate';
import { tablesFor } from '../functions/store/config';
import { STORE_SOCKET, startEmbeddedDynamo } from '../functions/store/embedded';
import { UnixSocketAgent } from '../functions/store/socket-client';
import { ensureTables } from '../functions/store/tables';

function usage(): never {
  console.error(
    '使い方 / usage: npm run migrate -- --to <deployment.json> [--data-dir .koe] [--endpoint URL] ' +
      '[--tables-prefix P] [--region R] [--kms-key-id ID] [--target-key-dir DIR] [--checkpoint FILE]',
  );
  process.exit(2);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      to: { type: 'string' },
      'data-dir': { type: 'string' },
      endpoint: { type: 'string' },
      'tables-prefix': { type: 'string' },
      region: { type: 'string' },
      'kms-key-id': { type: 'string' },
      'target-key-dir': { type: 'string' },
      checkpoint: { type: 'string' },
    },
    strict: true,
  });
  if (!values.to) usage();
  const fromFile = values.to.endsWith('.json') || existsSync(values.to);
  let file: Record<string, unknown> = {};
  if (fromFile) {
    try {
      file = JSON.parse(await fs.readFile(values.to, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new MigrationError(
        `移行先ファイルを読めません / cannot read the deployment file ${values.to}: ${(error as Error).message}`,
      );
    }
  }
  const deployment = parseDeployment({
    ...file,
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    ...(values['tables-prefix'] ? { tablesPrefix: values['tables-prefix'], tables: undefined } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values['kms-key-id'] ? { kmsKeyId: values['kms-key-id'] } : {}),
    ...(values['target-key-dir'] ? { localKeyDir: path.resolve(values['target-key-dir']) } : {}),
  });
  const dataDir = path.resolve(values['data-dir'] ?? process.env.KOE_DATA_DIR ?? '.koe');
  if (!existsSync(path.join(dataDir, 'dynamodb'))) {
    throw new MigrationError(`${dataDir} に koe のデータがありません / no koe store in ${dataDir}`);
  }

  // The source: koe's own socket when koe runs, else the store opened here (koe stopped).
  const socketPath = path.join(dataDir, STORE_SOCKET);
  let embedded: Awaited<ReturnType<typeof startEmbeddedDynamo>> | undefined;
  try {
    embedded = await startEmbeddedDynamo({ path: path.join(dataDir, 'dynamodb'), socketPath });
  } catch (error) {
    if (!/another process serves the store/.test((error as Error).message)) throw error;
    console.warn(
      'koe が動いています。移行中の回答・投稿は検証で差として出ます。koe を止めてから移行してください。\n' +
        'koe is running: answers and posts arriving now will show as differences. Stop koe before migrating.',
    );
  }
  const sourceClient = new DynamoDBClient({
    region: 'ap-northeast-1',
    endpoint: 'http://localhost',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler({ httpAgent: new UnixSocketAgent(socketPath) }),
  });
  const sourceKeys = new LocalFileKeyWrapper(dataDir);
  await sourceKeys.load();

  const config = deploymentStoreConfig(deployment);
  const targetClient = new DynamoDBClient({
    region: config.region,
    maxAttempts: 8,
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  // DynamoDB Local starts empty; on AWS the tables come from the stack and must exist.
  if (config.endpoint) await ensureTables(targetClient, config);
  const targetKeys: KeyWrapper = deployment.localKeyDir
    ? new LocalFileKeyWrapper(deployment.localKeyDir)
    : new KmsKeyWrapper(createKmsApi(deployment.kmsKeyId!, { region: config.region }));

  const checkpointFile = path.resolve(values.checkpoint ?? path.join(dataDir, 'migrate-checkpoint.json'));
  console.log(
    `移行 / migrating ${dataDir} → ${config.endpoint ?? `AWS ${config.region}`} (${Object.values(config.tables).join(', ')})`,
  );
  const started = Date.now();
  try {
    const result = await migrate({
      source: { client: sourceClient, tables: tablesFor('koe'), keys: sourceKeys },
      target: { client: targetClient, tables: config.tables, keys: targetKeys },
      checkpointFile,
      targetId: deploymentId(deployment),
      log: (m) => console.log(m),
    });
    console.log('\n検証 / verification (table: expected / matching, checksum)');
    for (const c of result.checks) {
      const mark =
        c.missing === 0 && c.different === 0 && c.sourceChecksum === c.targetChecksum ? 'OK' : 'NG';
      console.log(
        `  ${mark} ${c.table}: ${c.expected} / ${c.matching}` +
          (c.missing ? `, ${c.missing} missing` : '') +
          (c.different ? `, ${c.different} different` : '') +
          `, sha256 ${c.sourceChecksum.slice(0, 16)}…${c.sourceChecksum === c.targetChecksum ? '' : ` ≠ ${c.targetChecksum.slice(0, 16)}…`}` +
          (c.otherInTarget ? ` (+${c.otherInTarget} already in the target)` : ''),
      );
    }
    if (!result.ok) {
      console.error(
        '\n移行先がコピー元と一致しません / the target does not match the source: see above. ' +
          'Items already in the target were kept; run again after resolving them.',
      );
      return 1;
    }
    console.log(
      `\n移行が完了し、検証しました / migrated and verified (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    return 0;
  } finally {
    sourceClient.destroy();
    targetClient.destroy();
    await embedded?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`移行エラー / migration error: ${(error as Error).message}`);
    process.exit(1);
  },
);
