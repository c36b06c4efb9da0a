import fc from 'fast-check';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { answersFor } from '../../support/answers';
import { respondent } from '../../support/respondent';
import { client, type TestServer } from '../../support/server';
import { blindToken, unitKey } from './fast-device';
import { openCampaign, rosterCsv, staffOf } from './flow';
import {
  contentType,
  expectErrorShape,
  hostileBody,
  hostileQuery,
  hostileSegment,
  hostileString,
} from './hostile';

/**
 * Cases per route. `npm run test:resilience` (vitest --mode resilience) runs
 * the full 2,000 per route; `npm test` a quicker 150 per route over the same
 * routes and generators. KOE_FUZZ_RUNS overrides either.
 */
export const FULL = import.meta.env.MODE === 'resilience';
export const RUNS = Number(process.env.KOE_FUZZ_RUNS ?? (FULL ? 2000 : 150));

/** Routes anyone may call; every other route needs a session. */
export const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  'POST /api/auth/login',
  'POST /api/auth/logout',
]);
export const isPublic = (method: string, path: string) =>
  PUBLIC_ROUTES.has(`${method} ${path}`) || path.startsWith('/api/public/');

export interface Route {
  method: string;
  path: string;
}

/** Every route the API serves, read from the app itself so that new routes are fuzzed too. */
export function routesOf(app: Hono): Route[] {
  const seen = new Map<string, Route>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

export interface Fixture {
  token: string;
  openId: string;
  draftId: string;
  code: string;
  keyId: string;
  credential: { token: string; signature: string };
  answers: Record<string, unknown>;
}

/** An open campaign with invitations, a draft, and one valid credential: so that fuzzed requests reach deep. */
export async function fixture(server: TestServer): Promise<Fixture> {
  const admin = client(server.baseUrl);
  const { token } = await admin.login();
  const { campaignId, invitations } = await openCampaign(admin, [
    { code: 'HQ', staff: 2 },
    { code: 'A', parentCode: 'HQ', staff: 8 },
  ]);
  const draft = await admin.post('/api/campaigns', {
    fiscalYear: 2027,
    templateId: 'annual-staff-survey-v1',
    opensAt: '2027-06-01T00:00:00+09:00',
    closesAt: '2027-06-30T00:00:00+09:00',
  });
  const r = respondent(server.baseUrl);
  const page = await r.campaign(campaignId, invitations[0]!.code);
  const blinded = blindToken(unitKey(page.body.publicKey));
  const signed = await r.requestSignature(invitations[0]!.code, blinded.blindedMsg);
  const signature = blinded.finalize(new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')));
  return {
    token,
    openId: campaignId,
    draftId: draft.json.id,
    code: invitations[1]!.code,
    keyId: signed.body.keyId,
    credential: {
      token: Buffer.from(blinded.token).toString('base64url'),
      signature: Buffer.from(signature).toString('base64url'),
    },
    answers: answersFor(page.body.survey, () => 0.4),
  };
}

/** A valid body for the routes whose shape we know; mutations of it reach past the first checks. */
function validBody(route: Route, f: Fixture): unknown {
  const key = `${route.method} ${route.path}`;
  const sig = 'A'.repeat(342);
  switch (key) {
    case 'POST /api/public/campaigns/:id':
    case 'POST /api/public/invitations/lookup':
    case 'POST /api/public/feedback/key':
      return { code: f.code };
    case 'POST /api/public/tokens':
      return { code: f.code, blindedMessage: sig };
    case 'POST /api/public/responses':
      return {
        campaignId: f.openId,
        keyId: f.keyId,
        token: f.credential.token,
        signature: f.credential.signature,
        attributes: { jobLevel: 'staff' },
        answers: f.answers,
      };
    case 'POST /api/public/feedback/redeem':
      return { code: f.code, blindedMessages: [sig] };
    case 'POST /api/public/feedback/posts':
      return {
        fiscalYear: 2026,
        keyId: f.keyId,
        token: f.credential.token,
        signature: sig,
        kind: 'proposal',
        pillarId: 'training',
        title: '提案',
        body: '本文',
      };
    case 'POST /api/public/feedback/thread':
      return { postId: 'p1', receipt: f.credential.token };
    case 'POST /api/public/feedback/thread/messages':
      return { postId: 'p1', receipt: f.credential.token, body: '追記' };
    case 'POST /api/auth/login':
      return { email: 'admin@example.jp', password: 'wrong password' };
    case 'POST /api/auth/users':
      return { email: 'new@example.jp', password: 'long enough password', role: 'analyst' };
    case 'POST /api/units':
      return { code: 'FZ', name: { ja: '試験', en: 'Test' }, parentCode: 'HQ' };
    case 'POST /api/campaigns':
    case 'PATCH /api/campaigns/:id':
      return {
        fiscalYear: 2026,
        templateId: 'annual-staff-survey-v1',
        opensAt: '2026-06-01T00:00:00+09:00',
        closesAt: '2026-06-30T00:00:00+09:00',
        minGroupSize: 5,
      };
    case 'POST /api/campaigns/:id/invitations':
      return { unitCodes: ['A'] };
    case 'POST /api/campaigns/:id/questions':
      return {
        type: 'single',
        text: { ja: '設問', en: 'Question' },
        options: [{ label: { ja: 'はい', en: 'Yes' } }, { label: { ja: 'いいえ', en: 'No' } }],
        initiativeId: 'cul-01',
      };
    case 'PUT /api/targets':
      return { constructId: 'health', fiscalYear: 2026, favourable: 0.7 };
    case 'POST /api/feedback/codes':
      return { fiscalYear: 2026 };
    case 'PATCH /api/feedback/posts/:id':
      return { status: 'reviewing' };
    case 'POST /api/feedback/posts/:id/notes':
    case 'POST /api/feedback/posts/:id/replies':
      return { body: '返信', public: false };
    default:
      return {};
  }
}

const CSV_HEADER = 'staffNo,name,email,unitCode,jobLevel,employmentType';
const csvBody: fc.Arbitrary<string> = fc.oneof(
  fc.constant(rosterCsv(staffOf([{ code: 'A', staff: 3 }], 'F'))),
  fc
    .array(
      fc.array(
        hostileString.map((s) => s.slice(0, 300)),
        { maxLength: 8 },
      ),
      { maxLength: 6 },
    )
    .map((rows) => [CSV_HEADER, ...rows.map((r) => r.join(','))].join('\n')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    `${CSV_HEADER}\n"unterminated,x,,A,staff,regular`,
    `${CSV_HEADER}\n${'"",'.repeat(5000)}`,
    `\uFEFF\uFEFF${CSV_HEADER}`,
    `${CSV_HEADER}\r\r\r\n\n`,
    `=cmd|' /C calc'!A0,x,,A,staff,regular`,
    `${CSV_HEADER}\n${'S1,x,,A,staff,regular\n'.repeat(3)}`,
  ),
);

export interface FuzzRequest {
  url: string;
  init: RequestInit & { method: string; headers: Record<string, string> };
}

/** Requests for one route: its method (mostly), hostile path parameters, queries, headers and bodies. */
export function requests(route: Route, f: Fixture): fc.Arbitrary<FuzzRequest> {
  const isCsv = route.path === '/api/staff/import';
  const param = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(f.openId, f.draftId, 'annual-staff-survey-v1', 'p1') },
    { weight: 3, arbitrary: hostileSegment },
  );
  const auth = isPublic(route.method, route.path)
    ? fc.constantFrom<string | undefined>(undefined, undefined, `Bearer ${f.token}`, 'Bearer x.y.z')
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant(`Bearer ${f.token}`) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            undefined,
            'Bearer',
            'Bearer x.y.z',
            `Bearer ${f.token}x`,
            'Basic YTpi',
            `bearer  ${f.token}`,
          ),
        },
      );
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') },
  );
  const type = isCsv
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constant<string | undefined>('text/csv') },
        { weight: 1, arbitrary: contentType },
      )
    : contentType;
  const body = isCsv ? csvBody : hostileBody(validBody(route, f));
  const extra = fc.constantFrom<Record<string, string>>(
    {},
    {},
    { 'x-csrf-token': 'x' },
    { cookie: 'koe_session=junk; koe_csrf=x' },
    { 'content-encoding': 'gzip' },
    { 'x-forwarded-for': '10.0.0.1' },
  );
  return fc
    .record({ method, param, query: hostileQuery, auth, type, body, extra })
    .map(({ method, param, query, auth, type, body, extra }) => {
      const path = route.path.replace(/:[A-Za-z]+/g, param);
      const headers: Record<string, string> = { ...extra };
      if (auth) headers.authorization = auth;
      const hasBody = method !== 'GET' && method !== 'HEAD';
      if (hasBody && type !== undefined) headers['content-type'] = type;
      return {
        url: `http://127.0.0.1${path}${query}`,
        init: { method, headers, ...(hasBody ? { body } : {}) },
      };
    });
}

/** Sends one fuzzed request in process and checks the answer: never a 5xx, always the error shape. */
export async function check(app: Hono, req: FuzzRequest): Promise<number> {
  let request: Request;
  try {
    request = new Request(req.url, req.init);
  } catch {
    return 0; // not a request any client could send (e.g. an invalid URL); nothing to test
  }
  const res = await app.request(request);
  const text = await res.text();
  const context = `${req.init.method} ${req.url.slice(0, 200)} → ${res.status}`;
  expect(res.status, `${context}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400 && req.init.method !== 'HEAD') expectErrorShape(res.status, text, context);
  return res.status;
}
