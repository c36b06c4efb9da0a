import type { LastBackup } from '../../shared/api/backup';
import type { AppDeps } from '../deps';

/** When the last backup was taken (written by `npm run backup`, functions/backup/), or null. */
export async function lastBackup(deps: Pick<AppDeps, 'store'>): Promise<LastBackup> {
  return { backup: await deps.store.backups.getLast() };
}
