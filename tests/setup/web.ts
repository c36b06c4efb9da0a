import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { onlyListing } from './listing';

/**
 * Before the suites that serve pages (e2e, resilience): build the web app
 * once per run, so they find dist/web. KOE_SKIP_WEB_BUILD=1 reuses an
 * existing build. The pure suites (`npm run test:unit`) never wait for it,
 * nor does `vitest list`: the suites read dist/web when they run, not when
 * they are collected.
 */
export default async function setup(): Promise<void> {
  if (onlyListing()) return;
  const root = path.resolve(import.meta.dirname, '../..');
  const built = path.join(root, 'dist/web/answer/index.html');
  if ((process.env.KOE_SKIP_WEB_BUILD === '1' || process.env.KOE_WEB_BUILT === '1') && existsSync(built))
    return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  if (!statSync(built).isFile()) throw new Error('the web build did not produce dist/web/answer/index.html');
  // Global setups of several projects run in this one process: the next one skips the build.
  process.env.KOE_WEB_BUILT = '1';
}
