/**
 * JSON over fetch, never throwing: a result says what happened. `status: 0`
 * means the network failed (or the answer was not JSON, e.g. a captive portal).
 */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; code: string; body?: unknown };

export async function requestJson<T>(url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      // No cookies: an answer never travels with a console session.
      credentials: 'omit',
      cache: 'no-store',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 0, code: 'network' };
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return { ok: false, status: res.ok ? 0 : res.status, code: res.ok ? 'network' : `http_${res.status}` };
  }
  if (res.ok) return { ok: true, status: res.status, body: json as T };
  const code = (json as { error?: { code?: unknown } })?.error?.code;
  return {
    ok: false,
    status: res.status,
    code: typeof code === 'string' ? code : `http_${res.status}`,
    body: json,
  };
}
