import { Hono } from 'hono';
import * as z from 'zod';
import {
  RosterMapping,
  RosterUploadCreate,
  RosterUploadId,
  type RosterUploadTicket,
} from '../../../shared/api/roster';
import { DEFAULT_LABELS } from '../../../shared/organisation/roster-labels';
import type { AppDeps } from '../../deps';
import { importRoster, scanRoster } from '../../services/roster';
import { cityRosterLabels, saveCityRosterLabels } from '../../services/roster-labels';
import type { UploadStore } from '../../uploads/upload-store';
import { HttpError } from '../http-error';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody } from '../validate';

/** Body types the direct import takes: CSV, or an .xlsx workbook; the bytes tell which (services/roster-source.ts). */
const IMPORT_TYPES =
  /^(text\/csv|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\b/i;

/** Changing the city's label table: label → code adds or changes a pair, label → null removes it. */
const LabelChanges = z.record(z.string().trim().min(1).max(50), z.string().nullable()).optional();
export const RosterLabelsChange = z.strictObject({
  jobLevel: LabelChanges,
  employmentType: LabelChanges,
  ageBand: LabelChanges,
});

const dryRunOf = (q: string | undefined) => q === '1' || q === 'true';

/**
 * The roster import (issue 16), all admin-only:
 * - POST /staff/import: the file as the body (CSV in UTF-8/Shift_JIS, or .xlsx), headers and labels
 *   read through the table; `?dryRun=1` checks without saving. Bounded by the body limit (app.ts).
 * - GET / PUT /roster/labels: the built-in label table and the city's own pairs (saved, audited).
 * - POST /roster/uploads → where to PUT a large file (locally koe, on AWS a presigned S3 URL);
 *   PUT /roster/uploads/:id (local only); POST /roster/uploads/:id/preview (format, encoding,
 *   columns and their fields, first rows, unknown labels); POST /roster/uploads/:id/import
 *   (`?dryRun=1`; the upload is deleted after a real import); DELETE /roster/uploads/:id.
 */
export function rosterRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const admin = requireRole('admin');
  const uploads = (): UploadStore => {
    if (!deps.uploads) throw new HttpError(404, 'not_found', 'uploads are not set up here');
    return deps.uploads;
  };
  const uploadIdOf = (id: string) => {
    const parsed = RosterUploadId.safeParse(id);
    if (!parsed.success) throw new HttpError(404, 'upload_not_found', 'no such upload');
    return parsed.data;
  };

  app.post('/staff/import', admin, async (c) => {
    if (!IMPORT_TYPES.test(c.req.header('content-type') ?? '')) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'send the roster as text/csv (or an .xlsx workbook as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
      );
    }
    const body = c.req.raw.body ?? new ReadableStream<Uint8Array>({ start: (ctl) => ctl.close() });
    const dryRun = dryRunOf(c.req.query('dryRun'));
    return c.json(await importRoster(deps, body as AsyncIterable<Uint8Array>, { dryRun }), 200);
  });

  app.get('/roster/labels', admin, async (c) =>
    c.json({ builtIn: DEFAULT_LABELS, city: await cityRosterLabels(deps) }),
  );

  app.put('/roster/labels', admin, async (c) => {
    const change = await jsonBody(c, RosterLabelsChange);
    return c.json({
      builtIn: DEFAULT_LABELS,
      city: await saveCityRosterLabels(deps, c.get('user').email, change),
    });
  });

  app.post('/roster/uploads', admin, async (c) => {
    const { size } = await jsonBody(c, RosterUploadCreate);
    const ticket: RosterUploadTicket = { method: 'PUT', ...(await uploads().create(size)) };
    return c.json(ticket, 201);
  });

  app.put('/roster/uploads/:id', admin, async (c) => {
    const store = uploads();
    if (!store.receive) throw new HttpError(404, 'not_found', 'send the file to the URL the upload returned');
    const body = c.req.raw.body;
    if (!body) throw new HttpError(400, 'invalid_request', 'the file is empty');
    await store.receive(uploadIdOf(c.req.param('id')), body as AsyncIterable<Uint8Array>);
    return c.body(null, 204);
  });

  app.post('/roster/uploads/:id/preview', admin, async (c) => {
    const id = uploadIdOf(c.req.param('id'));
    const mapping = await jsonBody(c, RosterMapping);
    const scan = await scanRoster(deps, await uploads().open(id), mapping);
    return c.json(scan.preview);
  });

  app.post('/roster/uploads/:id/import', admin, async (c) => {
    const id = uploadIdOf(c.req.param('id'));
    const mapping = await jsonBody(c, RosterMapping);
    const dryRun = dryRunOf(c.req.query('dryRun'));
    const result = await importRoster(deps, await uploads().open(id), { dryRun, mapping });
    if (!dryRun) await uploads().delete(id);
    return c.json(result);
  });

  app.delete('/roster/uploads/:id', admin, async (c) => {
    await uploads().delete(uploadIdOf(c.req.param('id')));
    return c.body(null, 204);
  });
  return app;
}
