import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Hostile input for property-based fuzzing of the HTTP API: wrong types,
 * huge strings, deep nesting, prototype keys, broken base64url, wrong
 * lengths, wrong content types and odd query strings.
 */

const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e',
  '\ufeff',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  'ＡＢＣ１２３',
  '𠮷野家',
  'A'.repeat(342),
  'A'.repeat(343),
  `${'A'.repeat(341)}=`,
  'AAAA====',
  '+/+/',
  'a'.repeat(1025),
  'a'.repeat(2049),
);

/** Strings an attacker would try, from short junk to 70 kB. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.base64String({ maxLength: 400 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)) },
);

/** Any JSON value, hostile strings included, with prototype keys in objects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 2026, 1e308, 0.5, 3),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom(...DANGEROUS_KEYS)), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Replaces, removes or adds one field somewhere in a valid body. */
export function mutate(valid: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(valid, []);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.constantFrom('replace', 'remove', 'add'),
      hostileValue,
      fc.oneof(hostileString, fc.constantFrom(...DANGEROUS_KEYS)),
    )
    .map(([path, op, value, key]) => {
      const copy = structuredClone(valid) as any;
      if (path.length === 0)
        return op === 'add' && copy && typeof copy === 'object' ? { ...copy, [key]: value } : value;
      let parent = copy;
      for (const p of path.slice(0, -1)) parent = parent[p];
      const last = path[path.length - 1]!;
      if (op === 'replace') parent[last] = value;
      else if (op === 'remove') delete parent[last];
      else if (parent[last] && typeof parent[last] === 'object')
        Reflect.defineProperty(parent[last], key, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      else parent[last] = value;
      return copy;
    });
}

const deep = fc
  .tuple(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom('array', 'object'))
  .map(([n, kind]) =>
    kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
  );

/** Textual JSON that a JSON encoder would never write: prototype keys spliced in, duplicates, junk. */
function spliced(validText: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    validText.replace(/^\{/, '{"__proto__":{"polluted":"yes"},'),
    validText.replace(/^\{/, '{"constructor":{"prototype":{"polluted":"yes"}},'),
    validText.replace(/\}$/, ',"__proto__":{"polluted":"yes"}}'),
    validText.replace(/^\{/, '{"a":1,"a":2,'),
    validText.slice(0, Math.max(1, validText.length - 1)),
    `${validText}${validText}`,
    validText.replace(/"/g, "'"),
    `\ufeff${validText}`,
  );
}

/** A request body as text: the valid one mutated, any JSON, broken JSON, deep nesting, or too large. */
export function hostileBody(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid ?? {});
  return fc.oneof(
    { weight: 6, arbitrary: mutate(valid ?? {}).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: spliced(text) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.constantFrom(`"${'x'.repeat(300_000)}"`, `[${'1,'.repeat(140_000)}1]`) },
    { weight: 1, arbitrary: fc.constant(text) },
  );
}

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;;;',
      'application/jsonx',
      'text/plain',
      'text/csv',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '*/*',
    ),
  },
);

/** Query strings: junk keys and values, duplicates, broken percent-encoding, prototype keys. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?',
    '?&&&',
    '?=',
    '?a',
    '?%',
    '?%zz=%zz',
    '?code=%E0%A4%A',
    '?__proto__[polluted]=yes',
    '?constructor[prototype][polluted]=yes',
    '?from=1e9&to=-1',
    '?from=2023&from=2024&to=2027',
    '?dryRun=1&dryRun=0',
    `?code=${'A'.repeat(5000)}`,
  ),
  fc
    .array(
      fc.tuple(
        fc.oneof(hostileString, fc.constantFrom('code', 'from', 'to', 'dryRun', '__proto__')),
        hostileString,
      ),
      {
        maxLength: 4,
      },
    )
    .map(
      (pairs) =>
        `?${pairs.map(([k, v]) => `${safeEncode(k.slice(0, 200))}=${safeEncode(v.slice(0, 2000))}`).join('&')}`,
    ),
);

/** encodeURIComponent, or the raw text where it cannot encode (lone surrogates): both are what attackers send. */
export function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[^\x21-\x7e]/gu, '%FF');
  }
}

/** A path segment where the route has a parameter. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  hostileString.map((s) => safeEncode(s.slice(0, 3000)) || 'x'),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%2F', '..', '.', '%2e%2e', '%00', 'x'.repeat(3000)),
);

const STACK = /at \S+ \(|node_modules|\.ts:\d+|\.js:\d+|Error:/;

/** The error shape of DESIGN §6, and nothing that looks like a stack trace. */
export function expectErrorShape(status: number, text: string, context: string): void {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${context}: a ${status} whose body is not JSON: ${text.slice(0, 200)}`);
  }
  expect(body, context).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(Object.keys(body.error).sort(), context).toEqual(['code', 'message']);
  expect(STACK.test(text), `${context}: ${text.slice(0, 300)}`).toBe(false);
}

/** What the prototypes look like now, to compare after the fuzzing. */
export function prototypeSnapshot() {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return {
    object: names(Object.prototype),
    array: names(Array.prototype),
    func: names(Function.prototype),
    string: names(String.prototype),
  };
}

export function expectNoPollution(before: ReturnType<typeof prototypeSnapshot>): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(([] as any).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  expect(prototypeSnapshot()).toEqual(before);
}
