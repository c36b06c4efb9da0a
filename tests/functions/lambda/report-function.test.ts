import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../functions/api/app';
import { createAwsDeps } from '../../../functions/lambda/aws-deps';
import { handler, reportHandler } from '../../../functions/lambda/report';
import {
  type InvokeReport,
  lambdaInvoker,
  remoteReportRenderer,
} from '../../../functions/lambda/report-client';
import { MAX_REPORT_FILE_BYTES, type RenderResult } from '../../../functions/lambda/report-protocol';
import { type LocalRuntime, startLocalRuntime } from '../../../functions/local/runtime';
import { REPORT_FONT } from '../../../functions/report/font';
import { reportRenderer } from '../../../functions/report/render';
import { ensureFirstAdmin } from '../../../functions/services/accounts';
import { annualReport } from '../../../functions/services/report';
import { seedBase } from '../../../functions/seed/base';
import { seedDemo } from '../../../functions/seed/demo';
import { tablesFor } from '../../../functions/store/config';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../functions/store/embedded';
import type { AnnualReport } from '../../../shared/api/report';
import { aizuwakamatsuPlan } from '../../../shared/plan/data/aizuwakamatsu';
import { pdfPagesText } from '../../support/pdf-text';
import { ADMIN } from '../../support/server';

/**
 * The annual report's files on AWS (issue 15): the report function's real
 * handler (functions/lambda/report.ts: real pdf-lib, fontkit and exceljs)
 * renders the FY2025 demo report, and the admin function's AWS-mode app
 * (createAwsDeps, as on Lambda) serves the downloads through it, with the
 * invocation made in process (the JSON goes through a string both ways, as
 * Lambda passes it). The PDF is read back with pdf.js, the workbook with
 * exceljs; both must be what the local runtime makes of the same report.
 */

const PREFIX = `r${Math.random().toString(36).slice(2, 8)}`;
const JWT = 'a-test-session-secret-of-at-least-32-characters';
const FUNCTION = 'koe-dev-ApiReportFunction-AbC123';

let dynamo: EmbeddedDynamo;
let runtime: LocalRuntime;
let dataDir: string;
let report: AnnualReport;

async function render(event: unknown, h = handler): Promise<RenderResult> {
  // As Lambda passes it: JSON in, JSON out.
  return JSON.parse(JSON.stringify(await h(JSON.parse(JSON.stringify(event)))));
}
const bytesOf = (r: RenderResult) => {
  if (!r.ok) throw new Error(r.message);
  return new Uint8Array(Buffer.from(r.base64, 'base64'));
};

/** Every sheet's cell values, row by row (what council staff would reuse). */
async function workbookValues(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  for (const sheet of book.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    out[sheet.name] = rows;
  }
  return out;
}

beforeAll(async () => {
  // The font by KOE_REPORT_FONT, as a deployment that keeps it elsewhere than beside the bundle would.
  process.env.KOE_REPORT_FONT = createRequire(import.meta.url).resolve(REPORT_FONT);
  dataDir = await mkdtemp(path.join(tmpdir(), 'koe-report-fn-'));
  dynamo = await startEmbeddedDynamo();
  runtime = await startLocalRuntime({
    dataDir,
    inMemory: true,
    endpoint: dynamo.endpoint,
    tablePrefix: PREFIX,
    publicBaseUrl: 'http://127.0.0.1',
  });
  await seedBase(runtime.store, aizuwakamatsuPlan);
  await ensureFirstAdmin(runtime.deps, ADMIN.email, ADMIN.password);
  await seedDemo({ app: runtime.app, deps: runtime.deps }, { scale: 0.05 });
  report = await annualReport(runtime.deps, 2025);
}, 600_000);

afterAll(async () => {
  delete process.env.KOE_REPORT_FONT;
  await runtime?.close();
  await dynamo?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the report function (real handler, in process)', () => {
  it('renders the FY2025 demo report as the local runtime does: a PDF with its Japanese text, every pillar named', async () => {
    expect(report.participation.overall.suppressed).toBe(false);
    const result = await render({ format: 'pdf', report });
    expect(result).toMatchObject({ ok: true, format: 'pdf' });
    const pdf = bytesOf(result);
    expect(result.ok && result.bytes).toBe(pdf.byteLength);
    const local = await reportRenderer().pdf(report);
    const [remotePages, localPages] = [await pdfPagesText(pdf), await pdfPagesText(local)];
    expect(remotePages.length).toBeGreaterThan(1);
    expect(remotePages).toEqual(localPages);
    const text = remotePages.join('\n');
    expect(text).toContain('職員意識調査 年次報告書');
    for (const pillar of report.pillars) expect(text).toContain(pillar.name.ja);
    // Far below what a Lambda response can carry (the size is recorded in docs/DEPLOY.md).
    expect(pdf.byteLength).toBeLessThan(MAX_REPORT_FILE_BYTES / 10);
    console.info(`FY2025 demo report (scale 0.05): PDF ${pdf.byteLength} bytes, ${remotePages.length} pages`);
  }, 120_000);

  it('renders the workbook with the same figures as the local runtime’s', async () => {
    const result = await render({ format: 'xlsx', report });
    const xlsx = bytesOf(result);
    const remote = await workbookValues(xlsx);
    expect(remote).toEqual(await workbookValues(await reportRenderer().xlsx(report)));
    // The response rates as numbers, as the report has them.
    const numbers = Object.values(remote)
      .flat(2)
      .filter((v) => typeof v === 'number');
    expect(numbers).toContain(report.participation.overall.responses);
    console.info(`FY2025 demo report (scale 0.05): xlsx ${xlsx.byteLength} bytes`);
  }, 60_000);

  it('refuses what is not a report, naming where, never echoing a figure', async () => {
    const bad = { ...report, fiscalYear: 'FY2025', participation: { overall: { invited: 987654 } } };
    const result = await render({ format: 'pdf', report: bad });
    expect(result).toMatchObject({ ok: false, code: 'invalid_request' });
    if (result.ok) return;
    expect(result.message).toContain('report.fiscalYear');
    expect(result.message).toContain('報告書のデータが不正です');
    expect(result.message).not.toContain('987654');
    expect(await render({ format: 'docx', report })).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(await render('render it')).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('answers too_large, not a truncated file, when the file would not fit in a Lambda response', async () => {
    const small = reportHandler({ maxBytes: 1000 });
    const result = await render({ format: 'xlsx', report }, small);
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    if (!result.ok) expect(result.message).toMatch(/AWS Lambda/);
    // The real limit: the file's base64 and a margin fit in Lambda's 6 MB.
    expect(Math.ceil(MAX_REPORT_FILE_BYTES / 3) * 4 + 64 * 1024).toBeLessThanOrEqual(6 * 1024 * 1024);
  }, 60_000);
});

describe('the admin function on AWS serves the downloads through the report function', () => {
  const calls: Array<{ format: string; fiscalYear: number }> = [];
  let answer: (payload: string) => Promise<Awaited<ReturnType<InvokeReport>>>;
  const invoke: InvokeReport = (payload) => {
    const sent = JSON.parse(payload) as { format: string; report: AnnualReport };
    calls.push({ format: sent.format, fiscalYear: sent.report.fiscalYear });
    return answer(payload);
  };
  const real = async (payload: string) => ({ payload: JSON.stringify(await handler(JSON.parse(payload))) });

  function awsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const tables = tablesFor(PREFIX);
    return {
      AWS_REGION: 'ap-northeast-1',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_DIRECTORY: tables.directory,
      TABLE_SURVEYS: tables.surveys,
      TABLE_FEEDBACK: tables.feedback,
      KOE_LOCAL_KEY_DIR: dataDir,
      KOE_JWT_SECRET: JWT,
      KOE_PUBLIC_URL: 'https://koe.example.jp',
      ...extra,
    };
  }

  async function signedIn(app: Hono) {
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    return async (url: string) => {
      const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
      return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
    };
  }

  let get: Awaited<ReturnType<typeof signedIn>>;
  let close: () => void;
  beforeAll(async () => {
    const deps = await createAwsDeps('admin', {
      env: awsEnv({ KOE_REPORT_FUNCTION: FUNCTION }),
      invokeReport: invoke,
    });
    close = () => deps.store.doc.destroy();
    get = await signedIn(createApi(deps, ['admin']));
  });
  afterAll(() => close?.());

  it('downloads the PDF and the workbook the report function rendered from the report the admin function built', async () => {
    answer = real;
    calls.length = 0;
    const pdf = await get('/api/reports/2025/report.pdf');
    expect(pdf.res.status).toBe(200);
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.res.headers.get('content-disposition')).toContain('koe-report-FY2025.pdf');
    expect(await pdfPagesText(pdf.bytes)).toEqual(await pdfPagesText(await reportRenderer().pdf(report)));
    const xlsx = await get('/api/reports/2025/report.xlsx');
    expect(xlsx.res.status).toBe(200);
    expect(await workbookValues(xlsx.bytes)).toEqual(
      await workbookValues(await reportRenderer().xlsx(report)),
    );
    expect(calls).toEqual([
      { format: 'pdf', fiscalYear: 2025 },
      { format: 'xlsx', fiscalYear: 2025 },
    ]);
  }, 120_000);

  it('answers 502 with a Japanese and English message when the report function fails, cannot be reached or the file is too large', async () => {
    const cases: Array<[string, (p: string) => Promise<Awaited<ReturnType<InvokeReport>>>, string]> = [
      [
        'function error',
        async () => ({
          functionError: 'Unhandled',
          payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: 'out of memory' }),
        }),
        'report_render_failed',
      ],
      [
        'unreachable',
        async () => {
          throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });
        },
        'report_render_failed',
      ],
      ['wrong shape', async () => ({ payload: '{"ok":true}' }), 'report_render_failed'],
      [
        'too large',
        async (p) => ({ payload: JSON.stringify(await reportHandler({ maxBytes: 10 })(JSON.parse(p))) }),
        'report_too_large',
      ],
    ];
    for (const [what, fn, code] of cases) {
      answer = fn;
      const { res, bytes } = await get('/api/reports/2025/report.pdf');
      expect(res.status, what).toBe(502);
      expect(res.headers.get('content-type'), what).toContain('application/json');
      const body = JSON.parse(new TextDecoder().decode(bytes)) as {
        error: { code: string; message: string };
      };
      expect(body.error.code, what).toBe(code);
      expect(body.error.message, what).toMatch(/[ぁ-んァ-ン一-龯].* \/ [a-z]/);
      // Lambda's error message (which could hold anything) is not passed on.
      expect(body.error.message, what).not.toContain('out of memory');
    }
  }, 60_000);

  it('invokes with the AWS SDK: the named function, synchronously, the report as the JSON payload', async () => {
    // A real Lambda client of the AWS SDK whose requests never leave the process.
    const sent: Array<Record<string, unknown>> = [];
    const client = new LambdaClient({
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    });
    client.middlewareStack.add(
      (_next, context) => async (args) => {
        if (context.commandName !== 'InvokeCommand') throw new Error(`unexpected ${context.commandName}`);
        const input = args.input as { FunctionName: string; InvocationType: string; Payload: Uint8Array };
        sent.push({ FunctionName: input.FunctionName, InvocationType: input.InvocationType });
        const answer = await handler(JSON.parse(new TextDecoder().decode(input.Payload)));
        const Payload = new TextEncoder().encode(JSON.stringify(answer));
        return { output: { StatusCode: 200, Payload, $metadata: {} }, response: {} };
      },
      { step: 'initialize' },
    );
    const files = remoteReportRenderer(lambdaInvoker(FUNCTION, 'ap-northeast-1', client));
    const xlsx = await files.xlsx(report);
    expect(await workbookValues(xlsx)).toEqual(await workbookValues(await reportRenderer().xlsx(report)));
    expect(sent).toEqual([{ FunctionName: FUNCTION, InvocationType: 'RequestResponse' }]);
    client.destroy();
  }, 60_000);

  it('without a report function (KOE_REPORT_FUNCTION unset) the downloads stay 501 and the JSON report is served', async () => {
    const deps = await createAwsDeps('admin', { env: awsEnv() });
    try {
      expect(deps.reportFiles).toBeUndefined();
      const plain = await signedIn(createApi(deps, ['admin']));
      expect((await plain('/api/reports/2025/report.pdf')).res.status).toBe(501);
      expect((await plain('/api/reports/2025')).res.status).toBe(200);
    } finally {
      deps.store.doc.destroy();
    }
  });
});
