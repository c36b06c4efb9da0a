/**
 * `npm start`: koe on one machine. The API and the web app on one port, the
 * embedded DynamoDB persisted under KOE_DATA_DIR, demo data on an empty store.
 */
// koe runs on Node 20 locally on purpose; the SDK's notice about Node 22 is not for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import * as z from 'zod';
import { DemoStatus } from '../functions/local/demo-status';
import { LayoutError } from '../functions/local/layout';
import { startLocalRuntime } from '../functions/local/runtime';
import { ScheduleEnv } from '../functions/local/schedule-ticker';
import { localFrontDoor } from '../functions/local/server';
import { ensureFirstAdmin } from '../functions/services/accounts';
import { seedBase } from '../functions/seed/base';
import { demoKeySupply, isEmptyStore, seedDemo } from '../functions/seed/demo';
import { seedDemoAccounts } from '../functions/seed/demo-accounts';
import type { Role } from '../shared/api/auth';
import { aizuwakamatsuPlan } from '../shared/plan/data/aizuwakamatsu';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  KOE_DATA_DIR: z.string().min(1).default('.koe'),
  KOE_SEED: z.enum(['demo', 'none']).default('demo'),
  KOE_ADMIN_EMAIL: z.email().default('admin@example.jp'),
  KOE_ADMIN_PASSWORD: z.string().min(12, 'KOE_ADMIN_PASSWORD needs at least 12 characters').optional(),
  KOE_PUBLIC_URL: z.url().optional(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  // How often campaigns are opened and closed at their times (0: never), as EventBridge does on AWS.
  ...ScheduleEnv.shape,
});

const ROLE_NAMES: Record<Role, string> = {
  admin: '管理者 / admin',
  custodian: 'コード管理者 / custodian',
  analyst: '分析担当 / analyst',
  manager: '所属長 / manager',
  auditor: '監査担当 / auditor',
};

async function ensureWebBuild(root: string): Promise<string> {
  const out = path.join(root, 'dist/web');
  // A build from before the precompressed copies (web/vite.config.ts) is made again.
  const page = path.join(out, 'answer/index.html');
  if (!existsSync(page) || !existsSync(`${page}.br`) || process.env.KOE_REBUILD === '1') {
    console.log('Building the web app… / Web アプリをビルドしています…');
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  return out;
}

async function main() {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    console.error(
      `設定エラー / configuration error: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    process.exit(2);
  }
  const env = parsed.data;
  const root = path.resolve(import.meta.dirname, '..');
  // A data directory with no store yet will be seeded: the demo's RSA keys (most of the seed's work)
  // are made on worker threads from now on, while the app loads and the store opens. If the store is
  // not empty after all, the keys are wiped unused below.
  const demoKeys =
    env.KOE_SEED === 'demo' &&
    !env.DYNAMODB_ENDPOINT &&
    !existsSync(path.join(path.resolve(env.KOE_DATA_DIR), 'dynamodb'))
      ? demoKeySupply()
      : undefined;
  const webDir = await ensureWebBuild(root);
  const baseUrl = env.KOE_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const runtime = await startLocalRuntime({
    dataDir: path.resolve(env.KOE_DATA_DIR),
    publicBaseUrl: baseUrl,
    log: (m) => console.log(m),
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  });
  await seedBase(runtime.store, aizuwakamatsuPlan);
  const generated = !env.KOE_ADMIN_PASSWORD;
  const password = env.KOE_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  const createdAdmin = await ensureFirstAdmin(runtime.deps, env.KOE_ADMIN_EMAIL, password);
  const demo = new DemoStatus();
  const app = localFrontDoor(runtime.app, webDir, { secure: runtime.deps.config.secure, demo });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));

  console.log(`\n声 koe  ${baseUrl}/console/`);
  console.log(`送信メール（.eml） / e-mail outbox: ${path.join(path.resolve(env.KOE_DATA_DIR), 'outbox')}`);
  if (createdAdmin) {
    console.log(
      `管理者 / admin: ${env.KOE_ADMIN_EMAIL}${generated ? `  パスワード / password: ${password}` : ''}`,
    );
  } else {
    console.log('管理者アカウントは作成済みです / the admin account already exists');
  }
  if (env.KOE_SEED === 'demo' && (await isEmptyStore(runtime.store))) {
    console.log('デモデータを準備しています… / preparing demo data…');
    // The console shows the progress (functions/local/demo-status.ts) until the demo is ready.
    demo.preparing();
    const started = performance.now();
    await runtime.whileSeeding(() =>
      seedDemo(runtime, {
        log: (m) => console.log(m),
        progress: (p) => demo.report(p),
        ...(demoKeys ? { keys: demoKeys } : {}),
      }),
    );
    demo.ready();
    console.log(
      `デモデータの準備ができました / demo data ready (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    // One account per role beside the admin: no account both delivers codes and reads results.
    const accounts = await seedDemoAccounts(runtime.deps);
    console.log('デモのアカウント（1アカウント1役割） / demo accounts, one role each:');
    for (const a of accounts) {
      console.log(
        `  ${ROLE_NAMES[a.role]}: ${a.email}${a.unitCode ? ` (${a.unitCode})` : ''}${
          a.password ? `  パスワード / password: ${a.password}` : '  （作成済み / already exists）'
        }`,
      );
    }
  } else {
    await demoKeys?.close();
  }

  // Started after the demo is seeded: the seed closes its past years itself.
  if (env.KOE_SCHEDULE_SECONDS > 0) {
    runtime.startSchedule(env.KOE_SCHEDULE_SECONDS * 1000);
    console.log(
      `締切の確認: ${env.KOE_SCHEDULE_SECONDS}秒ごと / deadlines checked every ${env.KOE_SCHEDULE_SECONDS} s`,
    );
  }

  const stop = async () => {
    server.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  // A store of a newer data layout: the message says what to do, a stack would not help.
  if (err instanceof LayoutError) {
    console.error(err.message);
    process.exit(3);
  }
  console.error(err);
  process.exit(1);
});
