import { Hono } from 'hono';
import { AuditQuery } from '../../../shared/api/audit';
import { auditMonth } from '../../services/audit';
import type { AppDeps } from '../../deps';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { parseWith } from '../validate';

/** The audit log, for the auditor only (DESIGN §3, A5). */
export function auditRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/', requireRole('auditor'), async (c) => {
    const query = parseWith(AuditQuery, c.req.query());
    const month = query.month ?? (deps.now?.() ?? new Date()).toISOString().slice(0, 7);
    return c.json({ month, entries: await auditMonth(deps, month) });
  });
  return app;
}
