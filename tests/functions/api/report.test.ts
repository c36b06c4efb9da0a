import ExcelJS from 'exceljs';
import * as fontkit from 'fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../functions/seed/demo';
import { type AnnualReport, AnnualReport as AnnualReportSchema } from '../../../shared/api/report';
import type { Indicators } from '../../../shared/api/results';
import { pdfPagesText } from '../../support/pdf-text';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * The FY2025 annual report of the demo (at a tenth of its size): the JSON the
 * console shows, the A4 PDF and the Excel workbook, through real HTTP. The
 * PDF is read back with pdf.js (the text a reader would copy); the workbook
 * with exceljs. Both carry the figures of /api/indicators and the response
 * rates, and no hidden figure: a department the disclosure engine hides is a
 * dash in the PDF and empty cells in the workbook.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let token: string;
let report: AnnualReport;
let trend: Indicators;
let pdfText: string[];
let pdfPages: number;
let pdfBytes: Uint8Array;
let book: ExcelJS.Workbook;

async function download(path: string) {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo({ app: server.runtime.app, deps: server.runtime.deps }, { scale: 0.1 });
  admin = client(server.baseUrl);
  token = (await admin.login()).token;
  report = (await admin.get('/api/reports/2025')).json;
  trend = (await admin.get('/api/indicators?from=2021&to=2025')).json;
  const pdf = await download('/api/reports/2025/report.pdf');
  expect(pdf.res.status).toBe(200);
  pdfBytes = pdf.bytes;
  pdfText = await pdfPagesText(pdfBytes);
  pdfPages = pdfText.length;
  const xlsx = await download('/api/reports/2025/report.xlsx');
  expect(xlsx.res.status).toBe(200);
  book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes.buffer as ArrayBuffer);
}, 600_000);
afterAll(async () => server?.close());

describe('the annual report (JSON)', () => {
  it('covers FY2021–FY2025 from the FY2025 campaign, every pillar named', () => {
    expect(AnnualReportSchema.parse(report)).toEqual(report);
    expect(report.fiscalYear).toBe(2025);
    expect(report.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(report.campaign.minGroupSize).toBe(5);
    expect(report.pillars.map((p) => p.pillarId)).toEqual([
      'personnel',
      'training',
      'culture',
      'environment',
    ]);
    for (const p of report.pillars) expect(p.name.ja).not.toBe(p.pillarId);
    // The demo has harassment answers, the plan's progress FY2023–FY2025 and actions on FY2024's results.
    expect(report.sections.map((s) => s.id)).toEqual(['harassment', 'plan-progress', 'actions']);
  });

  it('shows harassment prevalence as /api/indicators/harassment does, beside the chosen reference', async () => {
    const harassment = (await admin.get('/api/indicators/harassment?from=2021&to=2025')).json as {
      kinds: {
        label: { ja: string };
        referenceRate: number | null;
        windows: { '3y': { fiscalYear: number; share: number | null }[] };
      }[];
    };
    const [table] = report.sections.find((s) => s.id === 'harassment')!.tables;
    expect(table!.rows).toEqual(
      harassment.kinds.map((k) => [
        k.label.ja,
        ...report.years.map((y) => k.windows['3y'].find((v) => v.fiscalYear === y)?.share ?? null),
        k.referenceRate,
      ]),
    );
    // Some year's figure is shown: the section is not all dashes.
    expect(table!.rows.flat().some((c) => typeof c === 'number')).toBe(true);
  });

  it('lists the approved actions carried out in FY2025 and the progress recorded up to FY2025', async () => {
    const actions = report.sections.find((s) => s.id === 'actions')!;
    const listed = (await admin.get('/api/actions?fiscalYear=2024')).json as {
      title: string;
      approval: string;
    }[];
    const approved = listed.filter((a) => a.approval === 'approved').map((a) => a.title);
    // The demo also leaves one draft, which the report must not print.
    expect(listed.length).toBeGreaterThan(approved.length);
    const carried = actions.tables[0]!.rows.map((r) => r[1]);
    expect(carried.length).toBeGreaterThan(0);
    expect([...carried].sort()).toEqual([...approved].sort());
    const progress = report.sections.find((s) => s.id === 'plan-progress')!.tables[0]!;
    expect(progress.rows.length).toBeGreaterThan(0);
    expect(progress.rows.every((r) => ['2023年度', '2024年度', '2025年度'].includes(r[1] as string))).toBe(
      true,
    );
    expect(progress.rows.some((r) => r[4] === '遅れ')).toBe(true);
  });

  it('carries the figures of /api/indicators', () => {
    for (const [pi, p] of report.pillars.entries()) {
      const api = trend.pillars[pi]!;
      expect(p.pillarId).toBe(api.pillarId);
      expect(p.summary).toEqual(api.summary);
      expect(p.indicators.map((i) => i.constructId)).toEqual(api.indicators.map((i) => i.constructId));
      for (const [ii, i] of p.indicators.entries()) expect(i.values).toEqual(api.indicators[ii]!.values);
    }
    const shown = report.pillars
      .flatMap((p) => p.indicators.flatMap((i) => i.values))
      .filter((v) => v.n !== null);
    expect(shown.length).toBeGreaterThan(10);
  });

  it('reports response rates, hiding departments with fewer than k responses', async () => {
    const campaigns = (await admin.get('/api/campaigns')).json as Array<{ id: string; fiscalYear: number }>;
    const id = campaigns.find((c) => c.fiscalYear === 2025)!.id;
    expect(report.campaign.id).toBe(id);
    const live = (await admin.get(`/api/campaigns/${id}/participation`)).json;
    expect(report.participation.overall).toEqual({
      invited: live.invited,
      responses: live.responses,
      rate: live.responses / live.invited,
      suppressed: false,
    });
    const hidden = report.participation.departments.filter((d) => d.suppressed);
    const shown = report.participation.departments.filter((d) => !d.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);
    for (const d of hidden) expect([d.invited, d.responses, d.rate]).toEqual([null, null, null]);
    // Their people did answer: the live count (HR's own view) has responses the report does not print.
    // (the department's own row and its divisions', whose codes extend the department's in the demo).
    const liveTotal = (code: string) =>
      (live.units as { unitCode: string; responses: number }[])
        .filter((u) => u.unitCode === code || u.unitCode.startsWith(`${code}-`))
        .reduce((sum, u) => sum + u.responses, 0);
    expect(hidden.some((d) => liveTotal(d.unitCode) > 0)).toBe(true);
    const fire = live.units.find((u: { unitCode: string }) => u.unitCode === 'FIRE');
    expect(shown.find((d) => d.unitCode === 'FIRE')).toMatchObject({
      invited: fire.invited,
      responses: fire.responses,
    });
  });

  it('is audited per format; a year without results is 404, a bad year 400, no sign-in 401', async () => {
    expect((await admin.get('/api/reports/2019')).status).toBe(404);
    expect((await admin.get('/api/reports/2019')).json.error.code).toBe('no_results');
    expect((await admin.get('/api/reports/25')).status).toBe(400);
    expect((await admin.get('/api/reports/1999')).status).toBe(400);
    expect((await client(server.baseUrl).get('/api/reports/2025')).status).toBe(401);
    const month = new Date().toISOString().slice(0, 7);
    const entries = await server.runtime.store.audit.listMonth(month);
    const formats = entries
      .filter((e) => e.action === 'report.read')
      .map((e) => (e.detail as { format: string }).format);
    expect(formats).toEqual(expect.arrayContaining(['json', 'pdf', 'xlsx']));
  });
});

describe('the PDF', () => {
  it('is A4 pages with the page count in every footer', async () => {
    expect(pdfPages).toBeGreaterThanOrEqual(2);
    const doc = await getDocument({ data: pdfBytes.slice(), isEvalSupported: false }).promise;
    const [, , w, h] = (await doc.getPage(1)).view;
    expect([Math.round(w!), Math.round(h!)]).toEqual([595, 842]);
    await doc.destroy();
    for (const [i, page] of pdfText.entries()) expect(page).toContain(`${i + 1} / ${pdfPages}`);
  });

  it('has extractable Japanese text in the embedded Noto Sans JP subset', () => {
    const all = pdfText.join('\n');
    expect(all).toContain('職員意識調査 年次報告書 令和7年度（FY2025）');
    expect(all).toContain('回答率');
    for (const title of ['ハラスメントの経験（過去3年間）', '計画の進捗', 'アクションプラン'])
      expect(all).toContain(title);
    for (const p of report.pillars) {
      expect(all).toContain(`${p.name.ja}の指標`);
      for (const i of p.indicators) expect(all).toContain(i.name.ja);
    }
  });

  it('embeds one font, a Noto Sans JP subset with its file and a ToUnicode map', async () => {
    const doc = await PDFDocument.load(pdfBytes);
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font'));
    const type0 = fonts.filter((f) => f.get(PDFName.of('Subtype')) === PDFName.of('Type0'));
    expect(type0).toHaveLength(1);
    expect(String(type0[0]!.get(PDFName.of('BaseFont')))).toMatch(/^\/NotoSansJP-Regular/);
    expect(type0[0]!.has(PDFName.of('ToUnicode'))).toBe(true);
    const descriptors = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter(
        (o): o is PDFDict =>
          o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
      );
    expect(descriptors.some((d) => d.has(PDFName.of('FontFile2')))).toBe(true);
    // A subset: the whole font file is 5.5 MB; the report with its glyphs is a small part of that.
    expect(pdfBytes.length).toBeLessThan(1_000_000);
    // Every glyph of the subset draws: a broken subsetter (as pdf-lib's own fontkit fork was for this
    // font) leaves glyphs empty or unreadable, the text still extractable but missing on paper.
    const descriptor = descriptors.find((d) => d.has(PDFName.of('FontFile2')))!;
    const file = doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
    const subset = fontkit.create(Buffer.from(decodePDFRawStream(file).decode())) as {
      numGlyphs: number;
      getGlyph(id: number): { path: { commands: unknown[] } };
    };
    expect(subset.numGlyphs).toBeGreaterThan(100);
    const blank: number[] = [];
    for (let g = 0; g < subset.numGlyphs; g++) {
      try {
        if (subset.getGlyph(g).path.commands.length === 0) blank.push(g);
      } catch {
        blank.push(g);
      }
    }
    // The space alone has no outline.
    expect(blank).toHaveLength(1);
  });

  it('prints each shown figure and a dash for each hidden one', () => {
    const all = pdfText.join('\n');
    const o = report.participation.overall;
    expect(all).toContain(`${((o.rate ?? 0) * 100).toFixed(1)}%`);
    for (const d of report.participation.departments) {
      const at = pdfText.findIndex((page) => page.includes(d.name.ja));
      expect(at).toBeGreaterThanOrEqual(0);
      const lines = pdfText[at]!.split('\n');
      const row = lines.slice(lines.indexOf(d.name.ja) + 1, lines.indexOf(d.name.ja) + 4);
      expect(row).toEqual(
        d.suppressed
          ? ['—', '—', '—']
          : [
              d.invited!.toLocaleString('ja-JP'),
              d.responses!.toLocaleString('ja-JP'),
              `${(d.rate! * 100).toFixed(1)}%`,
            ],
      );
    }
  });
});

describe('the workbook', () => {
  const rowsOf = (name: string) => {
    const sheet = book.getWorksheet(name);
    expect(sheet, name).toBeDefined();
    const rows: unknown[][] = [];
    sheet!.eachRow({ includeEmpty: true }, (row, n) => {
      if (n > 3) rows.push((row.values as unknown[]).slice(1));
    });
    return rows;
  };

  it('has a sheet per table, pillars and indicators as numbers equal to the API’s', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'about',
      'response-rates',
      'pillars',
      ...report.pillars.filter((p) => p.indicators.length > 0).map((p) => `pillar-${p.pillarId}`),
      ...report.sections.flatMap((s) => s.tables.map((_, i) => `${s.id}-${i + 1}`)),
    ]);
    const pillars = rowsOf('pillars');
    for (const [i, p] of report.pillars.entries()) {
      expect(pillars[i]![0]).toBe(p.name.ja);
      const values = report.years.map((y) => p.summary.find((s) => s.fiscalYear === y)?.value ?? null);
      expect(Array.from(pillars[i]!.slice(1, 1 + report.years.length), (v) => v ?? null)).toEqual(values);
    }
    for (const p of trend.pillars) {
      const rows = rowsOf(`pillar-${p.pillarId}`);
      p.indicators.forEach((ind, r) => {
        const values = ind.values.map((v) => v.favourable);
        expect(Array.from(rows[r]!.slice(1, 1 + values.length), (v) => v ?? null)).toEqual(values);
        const now = ind.values.at(-1)!;
        const [delta, target, n] = rows[r]!.slice(1 + values.length);
        expect(delta ?? null).toEqual(now.delta === null ? null : Math.round(now.delta * 1000) / 10);
        expect(target ?? null).toEqual(now.target);
        expect(n ?? null).toEqual(now.n);
      });
    }
  });

  it('writes response rates as numbers, and hidden departments as empty cells', () => {
    const rows = rowsOf('response-rates');
    const o = report.participation.overall;
    expect(rows[0]).toEqual(['全体', o.invited, o.responses, o.rate]);
    report.participation.departments.forEach((d, i) => {
      const row = rows[i + 1]!;
      expect(row[0]).toBe(d.name.ja);
      if (d.suppressed) expect(row.slice(1).filter((v) => v !== null && v !== undefined)).toEqual([]);
      else expect(row.slice(1)).toEqual([d.invited, d.responses, d.rate]);
    });
    const sheet = book.getWorksheet('response-rates')!;
    expect(sheet.getRow(4).getCell(4).numFmt).toBe('0.0%');
  });
});
