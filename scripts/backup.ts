/**
 * `npm run backup [-- --out FILE] [-- --recipient PUBLIC.pem]`: a consistent,
 * encrypted archive of the store and the key files of KOE_DATA_DIR, taken
 * while koe runs (through its store socket) or while it is stopped
 * (docs/BACKUP.md). Encrypted with a passphrase (KOE_BACKUP_PASSPHRASE or a
 * prompt) or, with --recipient, to an X25519 or RSA public key.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import type { SealWith } from '../functions/backup/container';
import { openDataDirStore, takeBackup } from '../functions/backup/run';
import { backupPassphrase, problem } from './backup-secret';

const Env = z.object({ KOE_DATA_DIR: z.string().min(1).default('.koe') });

function defaultName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `koe-backup-${stamp}.koebak`;
}

async function main() {
  const { values } = parseArgs({
    options: { out: { type: 'string', short: 'o' }, recipient: { type: 'string' } },
    allowPositionals: false,
  });
  const env = Env.parse(process.env);
  const dataDir = path.resolve(env.KOE_DATA_DIR);
  const sealWith: SealWith = values.recipient
    ? { recipientPublicKey: await fs.readFile(values.recipient, 'utf8') }
    : { passphrase: await backupPassphrase(true) };
  const now = new Date();
  const out = path.resolve(values.out ?? defaultName(now));
  if (out.startsWith(`${dataDir}${path.sep}`)) {
    throw new Error(
      'バックアップはデータディレクトリの外に書いてください / write the backup outside the data directory',
    );
  }
  const opened = await openDataDirStore(dataDir);
  try {
    const result = await takeBackup({ store: opened.store, dataDir, sealWith, now });
    const handle = await fs.open(out, 'wx', 0o600);
    try {
      await handle.writeFile(result.container);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Recorded only once the archive is on disk: the console shows the last backup that exists.
    await opened.store.backups.putLast(result.record);
    const c = result.record.counts;
    console.log(`バックアップを作成しました / backup written: ${out}`);
    console.log(
      `  ${(result.record.bytes / 1024).toFixed(1)} KiB, ${opened.running ? '稼働中に取得 / taken while koe runs' : '停止中に取得 / taken while koe is stopped'}`,
    );
    console.log(
      `  件数 / items: directory ${c.directory}, surveys ${c.surveys}, responses ${c.responses}, feedback ${c.feedback}; 鍵ファイル / key files: ${Object.keys(result.manifest.files).join(', ')}`,
    );
  } finally {
    await opened.close();
  }
}

main().catch((err) => {
  console.error(`バックアップに失敗しました / backup failed: ${problem(err)}`);
  process.exit(1);
});
