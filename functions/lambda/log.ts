/**
 * One JSON line per event, for CloudWatch. Callers pass identifiers of
 * campaigns and counts only: never a request, an answer, an address or an
 * agent (DESIGN §3).
 */
export function log(
  level: 'info' | 'warn' | 'error',
  event: string,
  fields: Record<string, string | number | boolean | string[] | undefined> = {},
): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.info(line);
}

/**
 * What a scheduled job logs about a failure: name and message. Jobs take no
 * request input, so their messages carry identifiers and AWS errors only.
 * The HTTP path logs names only (functions/api/on-error.ts).
 */
export function jobError(err: unknown): { error: string; message: string } {
  return err instanceof Error
    ? { error: err.name, message: err.message.slice(0, 500) }
    : { error: typeof err, message: '' };
}
