import * as z from 'zod';

/** `GET /api/backups/last` (admins): when the last backup was taken; no secret, no path (docs/BACKUP.md). */
export const LastBackup = z.object({
  backup: z
    .object({
      at: z.string(),
      bytes: z.number().int().min(0),
      counts: z.object({
        directory: z.number().int(),
        surveys: z.number().int(),
        responses: z.number().int(),
        feedback: z.number().int(),
      }),
      sealedWith: z.enum(['passphrase', 'x25519', 'rsa']),
    })
    .nullable(),
});
export type LastBackup = z.infer<typeof LastBackup>;
