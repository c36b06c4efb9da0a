import * as z from 'zod';

/** Every error the API returns has this shape (DESIGN §6). */
export const ApiError = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;

/** Binary values travel as base64url without padding. */
export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url without padding');

export const IsoDateTime = z.iso.datetime({ offset: true });

/** Unit codes and staff numbers are short, printable identifiers. */
export const Code = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." or "-"');

export const Fraction = z.number().min(0).max(1);
