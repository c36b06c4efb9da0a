import { AuditMonth, AuditQuery } from '../../../shared/api/audit';
import { auditMonth } from '../../services/audit';
import type { AppDeps } from '../../deps';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, KoeApi, ok } from '../route-kit';

const read = defineRoute({
  method: 'get',
  path: '/',
  tags: ['audit'],
  summary: 'One month of the audit log, ?month=yyyy-mm (this month when absent)',
  access: ['auditor'],
  request: { query: AuditQuery },
  responses: { 200: ok(AuditMonth) },
});

/** The audit log, for the auditor only (DESIGN §3, A5). */
export function auditRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(read, async (c) => {
    const query = c.req.valid('query');
    const month = query.month ?? (deps.now?.() ?? new Date()).toISOString().slice(0, 7);
    return c.json({ month, entries: await auditMonth(deps, month) });
  });
  return app;
}
