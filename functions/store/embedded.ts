import { promises as fs } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import path from 'node:path';
import { syncedDynalite } from './synced-level';

export interface EmbeddedDynamo {
  /** The URL requests are signed for: `http://localhost` when on a socket. */
  endpoint: string;
  /** The Unix socket the engine listens on, if it does (then it opens no TCP port). */
  socketPath?: string;
  close(): Promise<void>;
}

/** Whether something accepts connections on a Unix socket. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The socket's name in the data directory. */
export const STORE_SOCKET = 'dynamodb.sock';

/**
 * The embedded DynamoDB (dynalite): in memory when no path is given, on disk
 * (LevelDB) under `path` otherwise, every write synced to disk before it is
 * acknowledged (synced-level.ts).
 *
 * With `socketPath` (what `npm start` and the local runtime use) it listens
 * on a Unix socket only, whose directory must be the 0700 data directory: no
 * other local user can reach the tables (issue 13, finding 10). Without it,
 * it listens on a loopback TCP port, for tests that put a proxy in between.
 */
export async function startEmbeddedDynamo(
  options: { path?: string; port?: number; socketPath?: string } = {},
): Promise<EmbeddedDynamo> {
  const server = syncedDynalite()({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const { socketPath } = options;
  if (socketPath) {
    const dir = await fs.stat(path.dirname(socketPath));
    if ((dir.mode & 0o077) !== 0) {
      throw new Error(
        `the store's socket must be in a directory only its owner can open (0700); ${path.dirname(socketPath)} is ${(dir.mode & 0o777).toString(8)}`,
      );
    }
    if (await answers(socketPath)) {
      throw new Error(
        `another process serves the store at ${socketPath}; is koe already running on this data directory?`,
      );
    }
    // A socket left by a process that was killed: nothing listens on it any more.
    await fs.rm(socketPath, { force: true });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (socketPath) server.listen(socketPath, () => resolve());
    else server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  if (socketPath) await fs.chmod(socketPath, 0o600);
  const endpoint = socketPath
    ? 'http://localhost'
    : `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    ...(socketPath ? { socketPath } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
