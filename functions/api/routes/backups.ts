import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { lastBackup } from '../../services/backups';
import { type AuthEnv, requireRole } from '../middleware/auth';

/** The last backup's time, size and counts, for the admin's start page (docs/BACKUP.md). */
export function backupRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/last', requireRole('admin'), async (c) => c.json(await lastBackup(deps)));
  return app;
}
