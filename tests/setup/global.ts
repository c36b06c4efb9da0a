import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from '../support/browser';

/**
 * Before any test: make sure Chromium is there (installing Debian's package
 * if needed) and the web app is built, so browser tests find both.
 */
export default async function setup(): Promise<void> {
  ensureChromium();
  const root = path.resolve(import.meta.dirname, '../..');
  const built = path.join(root, 'dist/web/answer/index.html');
  if (process.env.KOE_SKIP_WEB_BUILD === '1' && existsSync(built)) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  if (!statSync(built).isFile()) throw new Error('the web build did not produce dist/web/answer/index.html');
}
