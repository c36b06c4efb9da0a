/**
 * `npm run restore -- FILE [--identity PRIVATE.pem]`: brings a backup back into
 * an EMPTY data directory (KOE_DATA_DIR), checks it (item counts and a SHA-256
 * per table, before and after writing) and prints the counts (docs/BACKUP.md).
 * The passphrase comes from KOE_BACKUP_PASSPHRASE or a prompt.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import type { OpenWith } from '../functions/backup/container';
import { restoreBackup } from '../functions/backup/run';
import { backupPassphrase, problem } from './backup-secret';

const Env = z.object({ KOE_DATA_DIR: z.string().min(1).default('.koe') });

async function main() {
  const { values, positionals } = parseArgs({
    options: { identity: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new Error('使い方 / usage: npm run restore -- <backup file> [--identity private.pem]');
  }
  const env = Env.parse(process.env);
  const dataDir = path.resolve(env.KOE_DATA_DIR);
  const container = await fs.readFile(file);
  const openWith: OpenWith = values.identity
    ? { recipientPrivateKey: await fs.readFile(values.identity, 'utf8') }
    : { passphrase: await backupPassphrase(false) };
  const result = await restoreBackup({ container, openWith, dataDir });
  const c = result.counts;
  console.log(`復元しました / restored into ${dataDir} (backup of ${result.createdAt})`);
  console.log(
    `  件数 / items: directory ${c.directory}, surveys ${c.surveys}, responses ${c.responses}, feedback ${c.feedback}`,
  );
  console.log(`  鍵ファイル / key files: ${result.files.join(', ')}`);
  console.log('  件数とチェックサムを確認しました / counts and checksums verified');
}

main().catch((err) => {
  console.error(`復元に失敗しました / restore failed: ${problem(err)}`);
  process.exit(1);
});
