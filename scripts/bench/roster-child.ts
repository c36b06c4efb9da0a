import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { startLocalRuntime } from '../../functions/local/runtime';
import { importRoster, scanRoster } from '../../functions/services/roster';
import { serveHarness } from './child';

/**
 * A large roster import in a fresh process, so its peak memory is its own
 * (issue 16): a Shift_JIS CSV with Japanese headers and labels is uploaded
 * to the local upload store (as the console's PUT does), checked and
 * imported from the stored file as a stream; an .xlsx of the same rows is
 * checked through exceljs's streaming reader. Peak RSS is the process's
 * maximum resident set (getrusage), baseline taken after start-up; the
 * embedded store runs in this process too, so after the import it also
 * holds the new roster version.
 */

const LEVELS = ['主事', '主任', '係長', '課長補佐', '課長'];
const TYPES = ['正規', '再任用', '会計年度任用', '任期付'];
const HEADER = ['職員番号', '氏名', 'メールアドレス', '所属コード', '職位', '任用形態'];
const UNITS = 40;
const line = (i: number) => [
  `S${String(i).padStart(6, '0')}`,
  `職員 ${i}`,
  i % 3 === 0 ? '' : `s${i}@example.jp`,
  `U${i % UNITS}`,
  LEVELS[i % LEVELS.length]!,
  TYPES[i % TYPES.length]!,
];

async function writeCsv(file: string, lines: number) {
  const out = createWriteStream(file);
  const put = async (text: string) => {
    if (!out.write(iconv.encode(text, 'Shift_JIS'))) await once(out, 'drain');
  };
  await put(`${HEADER.join(',')}\r\n`);
  let chunk = '';
  for (let i = 1; i <= lines; i++) {
    chunk += `${line(i).join(',')}\r\n`;
    if (i % 5_000 === 0) {
      await put(chunk);
      chunk = '';
    }
  }
  await put(chunk);
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(file: string, lines: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('職員名簿');
  ws.addRow(HEADER).commit();
  for (let i = 1; i <= lines; i++) ws.addRow(line(i)).commit();
  ws.commit();
  await wb.commit();
}

const maxRssMiB = () => process.resourceUsage().maxRSS / 1024;

export interface RosterRun {
  lines: number;
  csvBytes: number;
  xlsxBytes: number;
  baselineRss: number;
  uploadMs: number;
  checkMs: number;
  importMs: number;
  peakRssCheck: number;
  peakRssCsv: number;
  xlsxCheckMs: number;
  peakRssXlsx: number;
}

async function run(arg: { lines: number }): Promise<RosterRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'koe-bench-roster-'));
  const runtime = await startLocalRuntime({
    dataDir: path.join(dir, 'data'),
    inMemory: true,
    publicBaseUrl: 'http://127.0.0.1',
    durable: false,
  });
  try {
    const { deps } = runtime;
    for (let u = 0; u < UNITS; u++)
      await deps.store.directory.createUnit({ code: `U${u}`, name: { ja: `課${u}` }, parentCode: null });
    const csv = path.join(dir, 'roster.csv');
    const xlsx = path.join(dir, 'roster.xlsx');
    await writeCsv(csv, arg.lines);
    await writeXlsx(xlsx, arg.lines);
    const baselineRss = process.memoryUsage().rss / 2 ** 20;

    const uploads = deps.uploads!;
    const t0 = performance.now();
    const ticket = await uploads.create((await stat(csv)).size);
    await uploads.receive!(ticket.uploadId, createReadStream(csv));
    const uploadMs = performance.now() - t0;
    const t1 = performance.now();
    const dry = await importRoster(deps, await uploads.open(ticket.uploadId), { dryRun: true });
    const checkMs = performance.now() - t1;
    // The streaming path alone: upload and check, before the store holds the new version.
    const peakRssCheck = maxRssMiB();
    const t2 = performance.now();
    const done = await importRoster(deps, await uploads.open(ticket.uploadId), { dryRun: false });
    const importMs = performance.now() - t2;
    await uploads.delete(ticket.uploadId);
    if (dry.imported !== arg.lines || done.imported !== arg.lines)
      throw new Error('not every line was imported');
    const peakRssCsv = maxRssMiB();

    const t3 = performance.now();
    const scan = await scanRoster(deps, createReadStream(xlsx));
    const xlsxCheckMs = performance.now() - t3;
    if (scan.preview.errorCount !== 0 || scan.rows.length !== arg.lines)
      throw new Error('the xlsx did not check clean');
    return {
      lines: arg.lines,
      csvBytes: (await stat(csv)).size,
      xlsxBytes: (await stat(xlsx)).size,
      baselineRss,
      uploadMs,
      checkMs,
      importMs,
      peakRssCheck,
      peakRssCsv,
      xlsxCheckMs,
      peakRssXlsx: maxRssMiB(),
    };
  } finally {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

serveHarness({ run });
