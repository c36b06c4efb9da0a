import { LastBackup } from '../../../shared/api/backup';
import type { AppDeps } from '../../deps';
import { lastBackup } from '../../services/backups';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, KoeApi, ok } from '../route-kit';

const last = defineRoute({
  method: 'get',
  path: '/last',
  tags: ['backups'],
  summary: 'The last backup: its time, size and counts (null before the first)',
  access: ['admin'],
  responses: { 200: ok(LastBackup) },
});

/** The last backup's time, size and counts, for the admin's start page (docs/BACKUP.md). */
export function backupRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(last, async (c) => c.json(await lastBackup(deps)));
  return app;
}
