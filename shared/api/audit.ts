import * as z from 'zod';

/** One act in the audit log (DESIGN §3, A5): never a code, an answer or a password. */
export const AuditEntry = z.strictObject({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `GET /api/audit?month=yyyy-mm` (the current month, UTC, when left out). */
export const AuditQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as yyyy-mm')
    .optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditMonth = z.strictObject({ month: z.string(), entries: z.array(AuditEntry) });
export type AuditMonth = z.infer<typeof AuditMonth>;
