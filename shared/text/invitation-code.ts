/**
 * Invitation and feedback codes: 26 characters of Crockford base32 (130
 * bits), grouped for paper. What people type is folded first: full-width
 * characters, lower case, spaces and dashes (also ー), and I/L/O read as 1/1/0.
 * Browser-safe and free of zod, so the respondent pages can use it too.
 */
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function normaliseCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―ー−]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export const isCode = (code: string): boolean => CODE_PATTERN.test(code);
