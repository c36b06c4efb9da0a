import * as z from 'zod';
import { ROSTER_FIELDS, RosterLabels } from '../organisation/roster-labels';

export { RosterLabels };

/** A roster field, or null to ignore a column. */
export const ColumnField = z.enum(ROSTER_FIELDS).nullable();

/**
 * How to read an uploaded roster: each column's field (by position; absent →
 * detected from the header row) and label → code pairs for this import only
 * (the city's saved pairs and the built-in table apply as well).
 */
export const RosterMapping = z.strictObject({
  columns: z.array(ColumnField).max(200).optional(),
  labels: RosterLabels.partial().optional(),
});
export type RosterMapping = z.infer<typeof RosterMapping>;

/** Asking to upload a roster file (the bytes go to the returned URL by PUT). */
export const RosterUploadCreate = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  /** Bytes; checked against the upload limit before any URL is given. */
  size: z.number().int().min(1),
});
export type RosterUploadCreate = z.infer<typeof RosterUploadCreate>;

export const RosterUploadTicket = z.strictObject({
  uploadId: z.string(),
  /** Where to PUT the file: a koe URL locally, a presigned S3 URL on AWS. */
  url: z.string(),
  method: z.literal('PUT'),
  /** Headers the PUT must carry (the presigned URL is signed for them). */
  headers: z.record(z.string(), z.string()),
  /** Seconds the URL stays valid. */
  expiresIn: z.number().int(),
});
export type RosterUploadTicket = z.infer<typeof RosterUploadTicket>;

/** An upload id: 22 base64url characters (128 random bits). */
export const RosterUploadId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an upload id');

export const RosterPreview = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  /** CSV only: utf-8, utf-8-bom or shift_jis. */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'shift_jis']).optional(),
  headers: z.array(z.string()),
  /** Each column's field: the mapping sent, else the one detected from its header. */
  columns: z.array(ColumnField),
  /** The first rows after the header, as read. */
  sample: z.array(z.strictObject({ line: z.number().int(), cells: z.array(z.string()) })),
  rows: z.number().int(),
  /** Labels neither the tables nor the mapping know, with how often and where they first appear. */
  unknownLabels: z.array(
    z.strictObject({
      field: z.enum(['jobLevel', 'employmentType', 'ageBand']),
      value: z.string(),
      count: z.number().int(),
      firstLine: z.number().int(),
    }),
  ),
  /** Other line errors (first ones), as the import would report them. */
  errors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
  errorCount: z.number().int(),
});
export type RosterPreview = z.infer<typeof RosterPreview>;
