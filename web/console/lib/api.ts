/**
 * The console's HTTP client. The session lives in the HttpOnly `koe_session`
 * cookie set at sign-in; nothing is kept in storage. Unsafe requests echo the
 * readable `koe_csrf` cookie in `x-csrf-token` (double submit).
 */

const CSRF_COOKIE = 'koe_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body: some errors carry more (e.g. a roster's bad lines). */
    readonly body: unknown,
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorisedListeners = new Set<Listener>();

/** Called when any request answers 401: the session has ended. */
export function onUnauthorised(listener: Listener): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface RequestOptions {
  body?: unknown;
  /** Send the body as is with this content type (e.g. a CSV file). */
  contentType?: string;
  signal?: AbortSignal;
  /** Do not treat 401 as the end of the session (the sign-in request itself). */
  quiet401?: boolean;
}

export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (options.contentType) {
      headers['content-type'] = options.contentType;
      body = options.body as BodyInit;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  if (UNSAFE.has(method)) {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && !options.quiet401) for (const l of unauthorisedListeners) l();
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`, json);
  }
  return json as T;
}

export const api = {
  get: <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, signal ? { signal } : {}),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body === undefined ? {} : { body }),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, { body }),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, { body }),
};
