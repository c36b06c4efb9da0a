import * as z from 'zod';
import { AnnualReport } from '../../shared/api/report';

/**
 * What the admin function and the report function say to each other on AWS
 * (docs/DESIGN.md §2): the admin function builds the annual report — every
 * figure already through the disclosure engine — and sends it, with the file
 * format, in one synchronous invocation; the report function only renders it
 * and answers with the file, base64-encoded. Both ends check the shape with zod.
 */

export const ReportFormat = z.enum(['pdf', 'xlsx']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const RenderRequest = z.strictObject({ format: ReportFormat, report: AnnualReport });
export type RenderRequest = z.infer<typeof RenderRequest>;

export const RenderResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    format: ReportFormat,
    /** The file's size in bytes, before base64. */
    bytes: z.number().int().nonnegative(),
    base64: z.base64(),
  }),
  z.strictObject({
    ok: z.literal(false),
    code: z.enum(['invalid_request', 'too_large']),
    message: z.string(),
  }),
]);
export type RenderResult = z.infer<typeof RenderResult>;

/**
 * Lambda's limit on a synchronous invocation's request and response: 6 MB.
 * The admin function's own answer through API Gateway carries the file
 * base64-encoded too and meets the same limit.
 */
export const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

/**
 * The largest file the report function returns: its base64 (4 bytes for
 * every 3) and a 64 KiB margin for the envelope and the HTTP headers must
 * fit in the limit. About 4.45 MiB; the FY2025 demo report's PDF is far
 * below it (docs/DEPLOY.md).
 */
export const MAX_REPORT_FILE_BYTES = Math.floor((LAMBDA_PAYLOAD_LIMIT - 64 * 1024) / 4) * 3;
