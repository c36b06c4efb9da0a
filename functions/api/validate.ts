import type { Context } from 'hono';
import type * as z from 'zod';
import { describeIssues } from './on-error';
import { HttpError } from './http-error';

/** Reads a JSON body and checks it against a schema: 415, 400 or the parsed value. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
  }
  let raw: unknown;
  try {
    const text = await c.req.text();
    // The reviver costs more than the parse; a body that cannot hold such a key (even escaped) skips it.
    raw = MAYBE_PROTO_KEY.test(text) ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, 'malformed_json', 'the body is not valid JSON');
  }
  return parseWith(schema, raw);
}

/** Text in which a forbidden key could appear: literally, or written with \u escapes. */
const MAYBE_PROTO_KEY = /__proto__|constructor|prototype|\\u/;

/** Keys that could reach an object's prototype have no place in koe's input. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new HttpError(400, 'invalid_request', `the key "${key}" is not allowed`);
  }
  return value;
}

/** Checks any input against a schema, as a 400 naming the first problems. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new HttpError(400, 'invalid_request', describeIssues(result.error));
  return result.data;
}
