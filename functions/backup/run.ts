import { createPublicKey, randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { createStore, prepareTables, type Store } from '../store';
import {
  type BackupRecord,
  putRawItems,
  type RawItem,
  scanTable,
  TABLE_ROLES,
  type TableRole,
} from '../store/backups';
import { tablesFor } from '../store/config';
import { STORE_SOCKET, startEmbeddedDynamo } from '../store/embedded';
import { createSocketDocumentClient } from '../store/socket-client';
import {
  ArchiveError,
  KEY_FILE_NAME,
  type KeyFile,
  type Manifest,
  manifestOf,
  readArchive,
  tableChecksum,
  writeArchive,
} from './archive';
import { type OpenWith, open, type SealWith, seal } from './container';

/**
 * Backup and restore of the local store (docs/BACKUP.md): every item of the
 * four tables and the key files of the data directory, in one encrypted archive.
 */

/** Files of the data directory that are not keys: the store itself, its socket, the mail outbox. */
const NOT_KEYS = new Set(['dynamodb', STORE_SOCKET, 'outbox']);
const MAX_SNAPSHOT_ATTEMPTS = 6;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

async function scanAll(store: Store): Promise<Record<TableRole, RawItem[]>> {
  const out = {} as Record<TableRole, RawItem[]>;
  for (const role of TABLE_ROLES) out[role] = await scanTable(store, role);
  return out;
}

/**
 * A consistent snapshot of the running store: the four tables are scanned
 * again until two scans in a row hold the same items (same checksums), so
 * nothing was written in between, e.g. a results head whose chunks the first
 * scan had passed. Scans read committed items only; answers still waiting for
 * their batch (services/answer-buffer.ts) are not in the store and are not
 * acknowledged as stored, so the browser keeps them and resends.
 */
export async function snapshotTables(
  store: Store,
): Promise<{ tables: Record<TableRole, RawItem[]>; attempts: number }> {
  // Only the previous pass's checksums are kept: one copy of the store in memory, not two.
  let previousSums = manifestOf(await scanAll(store), []).sha256;
  for (let attempt = 2; attempt <= MAX_SNAPSHOT_ATTEMPTS; attempt++) {
    const next = await scanAll(store);
    const sums = manifestOf(next, []).sha256;
    if (TABLE_ROLES.every((r) => sums[r] === previousSums[r])) return { tables: next, attempts: attempt };
    previousSums = sums;
  }
  throw new BackupError(
    '書き込みが続いているため一貫したバックアップを取れませんでした。しばらくして再実行してください / the store kept changing during the backup; run it again in a quieter moment',
  );
}

/** The key files at the top of the data directory (master.key, jwt.secret, …). */
export async function readKeyFiles(dataDir: string): Promise<KeyFile[]> {
  const files: KeyFile[] = [];
  for (const entry of await fs.readdir(dataDir, { withFileTypes: true })) {
    // Only names a restore accepts (archive.ts): nothing that could point outside the directory.
    if (!entry.isFile() || NOT_KEYS.has(entry.name) || !KEY_FILE_NAME.test(entry.name)) continue;
    const file = path.join(dataDir, entry.name);
    const stat = await fs.stat(file);
    files.push({ name: entry.name, mode: stat.mode & 0o777, data: await fs.readFile(file) });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

export interface BackupResult {
  container: Buffer;
  record: BackupRecord;
  manifest: Manifest;
  attempts: number;
}

/** Reads the store and the key files and seals them into one archive. Writes nothing. */
export async function takeBackup(options: {
  store: Store;
  dataDir: string;
  sealWith: SealWith;
  now?: Date;
}): Promise<BackupResult> {
  const { tables, attempts } = await snapshotTables(options.store);
  const files = await readKeyFiles(options.dataDir);
  const createdAt = (options.now ?? new Date()).toISOString();
  const { gz, manifest } = writeArchive({ createdAt, tables, files });
  const container = seal(gz, options.sealWith);
  const sealedWith: BackupRecord['sealedWith'] =
    'passphrase' in options.sealWith
      ? 'passphrase'
      : (typeof options.sealWith.recipientPublicKey === 'string'
            ? createPublicKey(options.sealWith.recipientPublicKey)
            : options.sealWith.recipientPublicKey
          ).asymmetricKeyType === 'x25519'
        ? 'x25519'
        : 'rsa';
  return {
    container,
    manifest,
    attempts,
    record: { at: createdAt, bytes: container.length, counts: manifest.counts, sealedWith },
  };
}

/** Whether a directory is missing or holds nothing. */
async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** Crypto-random order: the restored engine's write sequence follows no order of the original. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface RestoreResult {
  createdAt: string;
  counts: Record<TableRole, number>;
  files: string[];
}

/**
 * Restores an archive into an empty data directory: decrypts, checks the
 * archive against its manifest, writes the key files (0600, directory 0700),
 * loads the tables into a fresh embedded store and checks them again by
 * reading them back (counts and checksums).
 */
export async function restoreBackup(options: {
  container: Buffer;
  openWith: OpenWith;
  dataDir: string;
}): Promise<RestoreResult> {
  const { dataDir } = options;
  if (!(await isEmptyDir(dataDir))) {
    throw new BackupError(
      `復元先のデータディレクトリが空ではありません：${dataDir}。空のディレクトリを指定してください / the data directory ${dataDir} is not empty; restore only into an empty one`,
    );
  }
  const archive = readArchive(open(options.container, options.openWith));
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await fs.chmod(dataDir, 0o700);
  for (const f of archive.files) {
    await fs.writeFile(path.join(dataDir, f.name), f.data, { mode: 0o600, flag: 'wx' });
  }
  const embedded = await startEmbeddedDynamo({
    path: path.join(dataDir, 'dynamodb'),
    socketPath: path.join(dataDir, STORE_SOCKET),
  });
  const config = {
    endpoint: embedded.endpoint,
    socketPath: embedded.socketPath!,
    region: 'ap-northeast-1',
    tables: tablesFor('koe'),
  };
  const store = createStore(config, createSocketDocumentClient(config));
  try {
    await prepareTables(store);
    for (const role of TABLE_ROLES) {
      await putRawItems(store, role, shuffled(archive.tables[role]));
      archive.tables[role] = [];
      // Read back and checked table by table, so only one table is held twice.
      const written = tableChecksum(await scanTable(store, role));
      if (written !== archive.manifest.sha256[role]) {
        throw new ArchiveError(
          `復元した表 ${role} がバックアップと一致しません / restored table ${role} does not match the archive`,
        );
      }
    }
  } finally {
    store.doc.destroy();
    await embedded.close();
  }
  return {
    createdAt: archive.createdAt,
    counts: archive.manifest.counts,
    files: archive.files.map((f) => f.name),
  };
}

/** Opens the store of a data directory: through the socket of a running koe, or in process when it is stopped. */
export async function openDataDirStore(
  dataDir: string,
): Promise<{ store: Store; running: boolean; close(): Promise<void> }> {
  const socketPath = path.join(dataDir, STORE_SOCKET);
  const running = await new Promise<boolean>((resolve) => {
    const s = connect(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  if (running) {
    const config = {
      endpoint: 'http://localhost',
      socketPath,
      region: 'ap-northeast-1',
      tables: tablesFor('koe'),
    };
    const store = createStore(config, createSocketDocumentClient(config));
    return { store, running, close: async () => store.doc.destroy() };
  }
  try {
    await fs.stat(path.join(dataDir, 'dynamodb'));
  } catch {
    throw new BackupError(`koe のデータが見つかりません：${dataDir} / no koe store in ${dataDir}`);
  }
  const embedded = await startEmbeddedDynamo({ path: path.join(dataDir, 'dynamodb'), socketPath });
  const config = {
    endpoint: embedded.endpoint,
    socketPath,
    region: 'ap-northeast-1',
    tables: tablesFor('koe'),
  };
  const store = createStore(config, createSocketDocumentClient(config));
  return {
    store,
    running,
    close: async () => {
      store.doc.destroy();
      await embedded.close();
    },
  };
}
