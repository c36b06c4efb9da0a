/**
 * A large roster through the streaming import (issue 16): 100,000 lines of a
 * Shift_JIS CSV with Japanese headers and labels, uploaded to the local
 * upload store, checked (dry run) and imported from the stored file as a
 * stream; the same rows as an .xlsx, checked through exceljs's streaming
 * reader. In a fresh process (roster-child.ts), so peak memory is its own.
 * `--quick` reads 2,000 lines (a smoke test); the full size takes minutes, most of it the
 * embedded store writing 100,000 items.
 */
import { startChild } from './child';
import type { Section } from './report';
import type { RosterRun } from './roster-child';

/** DESIGN §7 has no roster line; these are this benchmark's own budgets (docs/BENCHMARKS.md). */
const BUDGET_S = 30;
const BUDGET_MIB = 512;

export async function rosterBench(quick: boolean): Promise<Section> {
  const lines = quick ? 2_000 : 100_000;
  const child = await startChild('roster-child.ts');
  let r: RosterRun;
  try {
    r = await child.call<RosterRun>('run', { lines });
  } finally {
    await child.stop();
  }
  const check = (r.uploadMs + r.checkMs) / 1000;
  const peak = Math.max(r.peakRssCsv, r.peakRssXlsx);
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  return {
    title: 'Roster import (streaming)',
    rows: [
      {
        name: `roster: ${lines.toLocaleString('en')}-line Shift_JIS CSV, upload + streamed check`,
        measured: `${check.toFixed(1)} s`,
        budget: `≤ ${BUDGET_S} s`,
        met: check <= BUDGET_S,
        note: `${mb(r.csvBytes)}; upload ${(r.uploadMs / 1000).toFixed(1)} s, dry run (decode, parse, labels, schema, units) ${(r.checkMs / 1000).toFixed(1)} s`,
      },
      {
        name: 'roster: the import itself (check again + one new roster version written)',
        measured: `${(r.importMs / 1000).toFixed(1)} s`,
        note: `${Math.round(lines / (r.importMs / 1000)).toLocaleString('en')} lines/s; the embedded store's batch writes dominate`,
      },
      {
        name: 'roster: peak RSS through upload and streamed check',
        measured: `${r.peakRssCheck.toFixed(0)} MiB`,
        budget: `≤ ${BUDGET_MIB} MiB`,
        met: r.peakRssCheck <= BUDGET_MIB,
        note: `baseline ${r.baselineRss.toFixed(0)} MiB after start-up (runtime, embedded store, exceljs loaded)`,
      },
      {
        name: 'roster: peak RSS after the import and the .xlsx check',
        measured: `${peak.toFixed(0)} MiB`,
        note: `after the import ${r.peakRssCsv.toFixed(0)} MiB (the in-process embedded store now holds the new version), after the .xlsx check ${r.peakRssXlsx.toFixed(0)} MiB`,
      },
      {
        name: 'roster: the same rows as .xlsx, checked (streaming reader)',
        measured: `${(r.xlsxCheckMs / 1000).toFixed(1)} s`,
        note: `${mb(r.xlsxBytes)}; exceljs WorkbookReader, shared strings cached`,
      },
    ],
    method:
      'A fresh process (scripts/bench/roster-child.ts) writes a roster with Japanese headers and labels (主事, 係長 …; 正規, 会計年度任用 …) as a Shift_JIS CSV, uploads it to the local upload store as the console does, then runs the import twice from the stored file as a stream: a dry run and the real import (one new roster version in the embedded store). The same rows as an .xlsx are then checked. Peak RSS is the process maximum (getrusage) and includes the checked rows the import keeps to write them as one version.',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printSection } = await import('./report');
  printSection(await rosterBench(process.argv.includes('--quick')));
}
