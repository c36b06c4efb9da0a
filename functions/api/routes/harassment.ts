import * as z from 'zod';
import { HarassmentIndicators, HarassmentReferenceSetting } from '../../../shared/api/harassment';
import { IndicatorsQuery } from '../../../shared/api/results';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import type { AppDeps } from '../../deps';
import { recordAudit } from '../../services/audit';
import {
  getHarassmentReference,
  harassmentIndicators,
  setHarassmentReference,
} from '../../services/harassment';
import type { AuthEnv } from '../middleware/auth';
import { parseWith } from '../validate';
import { defineRoute, errors, jsonRequest, KoeApi, ok } from '../route-kit';

const prevalence = defineRoute({
  method: 'get',
  path: '/indicators/harassment',
  tags: ['results'],
  summary:
    'Harassment prevalence per kind and fiscal year (3 years and 12 months), Wilson intervals, changes with raw p and Benjamini–Hochberg q, beside the chosen national reference; each figure only at k_sensitive; audited',
  access: ['admin', 'analyst'],
  request: {
    query: z.object({
      from: z.string().optional().describe('first fiscal year (default: four years ago)'),
      to: z.string().optional().describe('last fiscal year (default: this year)'),
    }),
  },
  responses: { 200: ok(HarassmentIndicators), ...errors({ 400: 'not fiscal years 2000–2100' }) },
});
const readReference = defineRoute({
  method: 'get',
  path: '/settings/harassment-reference',
  tags: ['results'],
  summary:
    'Which national harassment survey the prevalence is compared with (default: MIC, local government)',
  access: 'signed-in',
  responses: { 200: ok(HarassmentReferenceSetting) },
});
const setReference = defineRoute({
  method: 'put',
  path: '/settings/harassment-reference',
  tags: ['results'],
  summary: 'Choose the national harassment reference: mic-2024 or mhlw-2023 (audited)',
  access: ['admin'],
  request: { body: jsonRequest(HarassmentReferenceSetting) },
  responses: { 200: ok(HarassmentReferenceSetting), ...errors({ 400: 'not a known reference' }) },
});

/** Harassment prevalence beside the national references, and the city's choice of reference. */
export function harassmentRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(prevalence, async (c) => {
    const current = fiscalYearOf(deps.now?.() ?? new Date());
    const q = c.req.valid('query');
    const { from, to } = parseWith(IndicatorsQuery, {
      from: q.from ?? String(current - 4),
      to: q.to ?? String(current),
    });
    const out = await harassmentIndicators(deps, from, to);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'indicators.read',
      target: `harassment FY${from}-FY${to}`,
    });
    return c.json(out);
  });
  app.openapi(readReference, async (c) => c.json(await getHarassmentReference(deps)));
  app.openapi(setReference, async (c) =>
    c.json(await setHarassmentReference(deps, c.get('user').email, c.req.valid('json'))),
  );
  return app;
}
