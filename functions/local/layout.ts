import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Store } from '../store';
import { layoutStore } from '../store/layout';
import { rebuildBoard } from '../services/feedback/board';

/**
 * Data-layout versions (issue 20, DESIGN §2). The store records the version
 * of the layout its items follow (`META`/`LAYOUT` in the surveys table,
 * KEYS.md). On start the local runtime:
 *
 * - stamps an empty store with {@link LAYOUT_VERSION};
 * - refuses a store of a newer layout ({@link LayoutError}: `npm start` exits
 *   non-zero with a ja/en message) — an older koe must not write into it;
 * - migrates an older one forward, one step at a time, after a plain copy of
 *   the data directory into `<dataDir>/backups/pre-migrate-<version>-<time>/`
 *   (0700). Each step is idempotent and the version is recorded after each,
 *   so a migration cut short runs its step again on the next start (and keeps
 *   the first backup taken before it: no second copy of a half-migrated store).
 *
 * A store without the item holds data written before layout versions existed:
 * version 0, whose items already follow layout 1.
 */

export const LAYOUT_VERSION = 2;

/** Step `n → n + 1`, idempotent. */
const MIGRATIONS: Record<number, (store: Store) => Promise<void>> = {
  // 0 → 1: the release before recorded no version; its items are layout 1 as they are.
  0: async () => {},
  // 1 → 2: the staff board reads a projection of the published posts (`BOARD#<fy>`, issue 16).
  1: async (store) => {
    await rebuildBoard({ store });
  },
};

export const BACKUPS_DIR = 'backups';

export class LayoutError extends Error {
  override name = 'LayoutError';
}

/** The layout version of the store (an empty store is the current one, stamped now); a newer one is refused. */
export async function readLayoutVersion(store: Store): Promise<number> {
  const layout = layoutStore(store);
  const version = await layout.getLayoutVersion();
  if (version === undefined) {
    if (!(await layout.isEmpty())) return 0;
    await layout.putLayoutVersion(LAYOUT_VERSION);
    return LAYOUT_VERSION;
  }
  if (version > LAYOUT_VERSION) {
    throw new LayoutError(
      `このデータは新しい版の koe（データ形式 ${version}）で書かれています。この版（データ形式 ${LAYOUT_VERSION} まで）では開けません。新しい版の koe で起動してください。\n` +
        `This store was written by a newer koe (data layout ${version}); this release reads layouts up to ${LAYOUT_VERSION}. Start the newer release instead; nothing was changed.`,
    );
  }
  return version;
}

/** A plain copy of the data directory (not its backups or socket), unless one for this version exists: its path. */
export async function backupBeforeMigrate(
  dataDir: string,
  version: number,
  now = new Date(),
): Promise<string> {
  const backups = path.join(dataDir, BACKUPS_DIR);
  await fs.mkdir(backups, { recursive: true, mode: 0o700 });
  await fs.chmod(backups, 0o700);
  const prefix = `pre-migrate-${version}-`;
  const earlier = (await fs.readdir(backups)).filter((f) => f.startsWith(prefix) && !f.endsWith('.partial'));
  if (earlier.length > 0) return path.join(backups, earlier.sort()[0]!);
  const target = path.join(backups, `${prefix}${now.toISOString().replace(/[:.]/g, '-')}`);
  const partial = `${target}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(partial, { mode: 0o700 });
  for (const entry of await fs.readdir(dataDir, { withFileTypes: true })) {
    if (entry.name === BACKUPS_DIR || entry.isSocket()) continue;
    await fs.cp(path.join(dataDir, entry.name), path.join(partial, entry.name), {
      recursive: true,
      preserveTimestamps: true,
      filter: async (src) => !(await fs.lstat(src)).isSocket(),
    });
  }
  // Complete copies only carry the final name.
  await fs.rename(partial, target);
  return target;
}

/** Runs the steps from `from` to {@link LAYOUT_VERSION}, recording the version after each. */
export async function migrateLayout(
  store: Store,
  from: number,
  log: (m: string) => void = () => {},
): Promise<void> {
  const layout = layoutStore(store);
  for (let v = from; v < LAYOUT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step)
      throw new LayoutError(`データ形式 ${v} からの移行がありません / no migration from data layout ${v}`);
    log(
      `データ形式を ${v} から ${v + 1} へ移行しています… / migrating the data layout from ${v} to ${v + 1}…`,
    );
    await step(store);
    await layout.putLayoutVersion(v + 1);
  }
}
