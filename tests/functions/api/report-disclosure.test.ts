import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_SECTION_PROVIDERS,
  type ReportSectionProvider,
} from '../../../functions/services/report-sections';
import type { AnnualReport } from '../../../shared/api/report';
import { closedReportCampaign } from '../../support/report-campaigns';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * The report decides every figure again with its campaign's k (DESIGN §4),
 * whatever a stored summary says: FY2024's campaign asks for k = 10, and its
 * stored psychological-safety figure of 5/8 (shown by /api/indicators, as
 * stored) is hidden in the report, its PDF and its workbook — and so is
 * FY2025's change measured from it. A section hook's section appears in all
 * three; a provider with nothing for the year adds nothing.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let token: string;
let builtIn: ReportSectionProvider[] = [];

const section: ReportSectionProvider = async (_deps, { fiscalYear }) =>
  fiscalYear === 2025
    ? {
        id: 'test-progress',
        title: { ja: '取組の進捗（試験）', en: 'Progress (test)' },
        tables: [
          {
            caption: { ja: '進捗の表', en: 'Progress table' },
            columns: [
              { ja: '取組', en: 'Initiative' },
              { ja: '割合', en: 'Share' },
            ],
            rows: [
              ['研修の充実', 0.375],
              ['非表示の行', null],
            ],
            formats: ['text', 'percent'],
          },
        ],
      }
    : null;
const nothing: ReportSectionProvider = async () => null;

let report: AnnualReport;
let pdfText: string;
let book: ExcelJS.Workbook;

async function download(path: string) {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  token = (await admin.login()).token;
  await closedReportCampaign(server, { fiscalYear: 2024, k: 10, x: 5, n: 8, pillar: true });
  await closedReportCampaign(server, { fiscalYear: 2025, k: 5, x: 60, n: 100, pillar: true });
  // Only the test's hooks: the campaigns here carry a summary and a stand-in body, which the real
  // sections (harassment, progress, actions: report.test.ts) would read as results.
  builtIn = REPORT_SECTION_PROVIDERS.splice(0);
  REPORT_SECTION_PROVIDERS.push(section, nothing);
  report = (await admin.get('/api/reports/2025')).json;
  const doc = await getDocument({
    data: await download('/api/reports/2025/report.pdf'),
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++)
    pages.push(
      (await (await doc.getPage(i)).getTextContent()).items
        .map((item) => ('str' in item ? item.str : ''))
        .filter((s) => s.trim() !== '')
        .join('\n'),
    );
  await doc.destroy();
  pdfText = pages.join('\n');
  book = new ExcelJS.Workbook();
  await book.xlsx.load((await download('/api/reports/2025/report.xlsx')).buffer as ArrayBuffer);
});
afterAll(async () => {
  REPORT_SECTION_PROVIDERS.splice(0, REPORT_SECTION_PROVIDERS.length, ...builtIn);
  await server?.close();
});

type WithPillars = {
  pillars: Array<{
    pillarId: string;
    indicators: Array<{ constructId: string; name?: { ja: string }; values: any[] }>;
  }>;
};
const psyOf = (r: WithPillars) =>
  r.pillars
    .find((p) => p.pillarId === 'culture')!
    .indicators.find((i) => i.constructId === 'psychological_safety')!;

describe('a figure below its campaign’s k', () => {
  it('is shown by /api/indicators as stored, and hidden in the report with the change from it', async () => {
    const api = (await admin.get('/api/indicators?from=2021&to=2025')).json;
    const [, , , y24api, y25api] = psyOf(api).values;
    expect(y24api).toMatchObject({ favourable: 0.625, n: 8 });
    expect(y25api).toMatchObject({ favourable: 0.6, n: 100, comparedWith: 2024 });
    expect(y25api.delta).not.toBeNull();

    const [, , , y24, y25] = psyOf(report).values;
    expect(y24).toMatchObject({ favourable: null, n: null, delta: null });
    expect(y25).toMatchObject({ favourable: 0.6, n: 100, delta: null, comparedWith: null, p: null, q: null });
    const culture = report.pillars.find((p) => p.pillarId === 'culture')!;
    expect(culture.summary.find((s) => s.fiscalYear === 2024)).toMatchObject({
      value: null,
      ci: null,
      n: null,
      suppressed: true,
    });
    expect(culture.summary.find((s) => s.fiscalYear === 2025)).toMatchObject({ value: 0.6, n: 100 });
  });

  it('is a dash in the PDF, never its number', () => {
    expect(pdfText).toContain('60.0%');
    expect(pdfText).not.toContain('62.5%');
    expect(pdfText).not.toMatch(/[+−]2\.5pt/);
  });

  it('is an empty cell in the workbook', () => {
    const sheet = book.getWorksheet('pillar-culture')!;
    const name = psyOf(report).name!.ja;
    let row = sheet.getRow(1);
    sheet.eachRow((r) => {
      if (r.getCell(1).value === name) row = r;
    });
    expect(row.number).toBeGreaterThan(3);
    // FY2021 … FY2025, then the change, the target and n.
    expect([2, 3, 4, 5, 6].map((c) => row.getCell(c).value ?? null)).toEqual([null, null, null, null, 0.6]);
    expect(row.getCell(7).value ?? null).toBeNull();
    expect(row.getCell(9).value).toBe(100);
    const pillars = book.getWorksheet('pillars')!.getRow(4 + 2);
    expect(pillars.getCell(5).value ?? null).toBeNull();
    const all: unknown[] = [];
    for (const ws of book.worksheets) ws.eachRow((r) => all.push(...(r.values as unknown[])));
    expect(all).not.toContain(0.625);
    expect(all).not.toContain(8);
  });

  it('leaves response rates empty where the campaign has no counts', () => {
    expect(report.participation.overall).toEqual({
      invited: null,
      responses: null,
      rate: null,
      suppressed: true,
    });
  });
});

describe('section hooks', () => {
  it('add the provider’s section to the report, its PDF and its workbook; a provider with nothing adds nothing', () => {
    expect(report.sections.map((s) => s.id)).toEqual(['test-progress']);
    expect(pdfText).toContain('取組の進捗（試験）');
    expect(pdfText).toContain('研修の充実');
    expect(pdfText).toContain('37.5%');
    const rows: unknown[][] = [];
    book.getWorksheet('test-progress-1')!.eachRow((r, n) => {
      if (n > 3) rows.push([r.getCell(1).value ?? null, r.getCell(2).value ?? null]);
    });
    expect(rows).toEqual([
      ['研修の充実', 0.375],
      ['非表示の行', null],
    ]);
  });
});
