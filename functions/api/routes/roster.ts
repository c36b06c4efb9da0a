import * as z from 'zod';
import {
  RosterMapping,
  RosterPreview,
  RosterUploadCreate,
  RosterUploadId,
  RosterUploadTicket,
} from '../../../shared/api/roster';
import { RosterImportResult } from '../../../shared/api/organisation';
import { DEFAULT_LABELS } from '../../../shared/organisation/roster-labels';
import type { AppDeps } from '../../deps';
import { importRoster, scanRoster } from '../../services/roster';
import { cityRosterLabels, saveCityRosterLabels } from '../../services/roster-labels';
import type { UploadStore } from '../../uploads/upload-store';
import { HttpError } from '../http-error';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

/** Body types the direct import takes: CSV, or an .xlsx workbook; the bytes tell which (services/roster-source.ts). */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_BODY = {
  required: true,
  content: {
    'text/csv': { schema: z.string() },
    'application/octet-stream': { schema: z.string() },
    [XLSX]: { schema: z.string() },
  },
};

/** Changing the city's label table: label → code adds or changes a pair, label → null removes it. */
const LabelChanges = z.record(z.string().trim().min(1).max(50), z.string().nullable()).optional();
export const RosterLabelsChange = z.strictObject({
  jobLevel: LabelChanges,
  employmentType: LabelChanges,
  ageBand: LabelChanges,
});
const LabelTable = z.record(z.string(), z.record(z.string(), z.string()));
const RosterLabelsView = z.object({ builtIn: LabelTable, city: LabelTable });
const DryRun = z.object({ dryRun: z.string().optional().describe('1 or true: check and preview only') });

const dryRunOf = (q: string | undefined) => q === '1' || q === 'true';
const tags = ['organisation'];
const admin = ['admin'] as const;

const importStaff = defineRoute({
  method: 'post',
  path: '/staff/import',
  tags,
  summary:
    'Import the roster (CSV in UTF-8 or Shift_JIS, or .xlsx locally); Japanese headers and labels go through the label table; all lines are checked first; ?dryRun=1 previews',
  access: admin,
  request: { query: DryRun, body: FILE_BODY },
  responses: {
    200: ok(RosterImportResult),
    ...errors({
      413: 'the roster is too large',
      415: 'not CSV or .xlsx',
      422: 'bad lines (listed in `errors`); nothing imported',
    }),
  },
});
const labels = defineRoute({
  method: 'get',
  path: '/roster/labels',
  tags,
  summary: 'The built-in label table (職位, 任用形態 …) and the city’s own pairs',
  access: admin,
  responses: { 200: ok(RosterLabelsView) },
});
const saveLabels = defineRoute({
  method: 'put',
  path: '/roster/labels',
  tags,
  summary: 'Add, change (label → code) or remove (label → null) the city’s own label pairs; audited',
  access: admin,
  request: { body: jsonRequest(RosterLabelsChange) },
  responses: { 200: ok(RosterLabelsView) },
});
const createUpload = defineRoute({
  method: 'post',
  path: '/roster/uploads',
  tags,
  summary: 'Where to send a large roster file: koe locally, a presigned S3 URL on AWS',
  access: admin,
  request: { body: jsonRequest(RosterUploadCreate) },
  responses: { 201: ok(RosterUploadTicket, 'created'), ...errors({ 404: 'uploads are not set up here' }) },
});
const receiveUpload = defineRoute({
  method: 'put',
  path: '/roster/uploads/{id}',
  tags,
  summary: 'The file of an upload (local runtime only; on AWS the file goes to S3)',
  access: admin,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/octet-stream': { schema: z.string() } } },
  },
  responses: {
    204: { description: 'stored' },
    ...errors({ 404: 'no such upload', 415: 'not application/octet-stream' }),
  },
});
const previewUpload = defineRoute({
  method: 'post',
  path: '/roster/uploads/{id}/preview',
  tags,
  summary: 'Format, encoding, columns and their fields, first rows and unknown labels of an uploaded roster',
  access: admin,
  request: { params: IdParam, body: jsonRequest(RosterMapping) },
  responses: { 200: ok(RosterPreview), ...errors({ 404: 'no such upload' }) },
});
const importUpload = defineRoute({
  method: 'post',
  path: '/roster/uploads/{id}/import',
  tags,
  summary:
    'Import an uploaded roster with a column and label mapping; ?dryRun=1 checks only; deleted after a real import',
  access: admin,
  request: { params: IdParam, query: DryRun, body: jsonRequest(RosterMapping) },
  responses: {
    200: ok(RosterImportResult),
    ...errors({ 404: 'no such upload', 422: 'bad lines (listed in `errors`); nothing imported' }),
  },
});
const deleteUpload = defineRoute({
  method: 'delete',
  path: '/roster/uploads/{id}',
  tags,
  summary: 'Forget an upload',
  access: admin,
  request: { params: IdParam },
  responses: { 204: { description: 'deleted' }, ...errors({ 404: 'no such upload' }) },
});

/**
 * The roster import, all admin-only: the file as the body of POST /staff/import
 * (bounded by the body limit in app.ts), or uploaded first (POST /roster/uploads,
 * then PUT locally or to S3) and read as a stream for the preview and the
 * import. The label table maps Japanese headers and labels to the API's codes.
 */
export function rosterRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  const uploads = (): UploadStore => {
    if (!deps.uploads) throw new HttpError(404, 'not_found', 'uploads are not set up here');
    return deps.uploads;
  };
  const uploadIdOf = (id: string) => {
    const parsed = RosterUploadId.safeParse(id);
    if (!parsed.success) throw new HttpError(404, 'upload_not_found', 'no such upload');
    return parsed.data;
  };

  app.openapi(importStaff, async (c) => {
    const body = c.req.raw.body ?? new ReadableStream<Uint8Array>({ start: (ctl) => ctl.close() });
    const dryRun = dryRunOf(c.req.valid('query').dryRun);
    return c.json(await importRoster(deps, body as AsyncIterable<Uint8Array>, { dryRun }), 200);
  });

  app.openapi(labels, async (c) => c.json({ builtIn: DEFAULT_LABELS, city: await cityRosterLabels(deps) }));

  app.openapi(saveLabels, async (c) =>
    c.json({
      builtIn: DEFAULT_LABELS,
      city: await saveCityRosterLabels(deps, c.get('user').email, c.req.valid('json')),
    }),
  );

  app.openapi(createUpload, async (c) => {
    const { size } = c.req.valid('json');
    const ticket: RosterUploadTicket = { method: 'PUT', ...(await uploads().create(size)) };
    return c.json(ticket, 201);
  });

  app.openapi(receiveUpload, async (c) => {
    const store = uploads();
    if (!store.receive) throw new HttpError(404, 'not_found', 'send the file to the URL the upload returned');
    const body = c.req.raw.body;
    if (!body) throw new HttpError(400, 'invalid_request', 'the file is empty');
    await store.receive(uploadIdOf(c.req.valid('param').id), body as AsyncIterable<Uint8Array>);
    return c.body(null, 204);
  });

  app.openapi(previewUpload, async (c) => {
    const id = uploadIdOf(c.req.valid('param').id);
    const scan = await scanRoster(deps, await uploads().open(id), c.req.valid('json'));
    return c.json(scan.preview);
  });

  app.openapi(importUpload, async (c) => {
    const id = uploadIdOf(c.req.valid('param').id);
    const dryRun = dryRunOf(c.req.valid('query').dryRun);
    const result = await importRoster(deps, await uploads().open(id), {
      dryRun,
      mapping: c.req.valid('json'),
    });
    if (!dryRun) await uploads().delete(id);
    return c.json(result);
  });

  app.openapi(deleteUpload, async (c) => {
    await uploads().delete(uploadIdOf(c.req.valid('param').id));
    return c.body(null, 204);
  });
  return app;
}
