import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { type LambdaName, PROJECT_ROOT } from '../../../infra/bundling';

export interface BundleFigures {
  bytes: number;
  mapBytes: number;
  initMinMs: number;
  initMedianMs: number;
  /** The import as timed inside the process that then served the flow. */
  initInHostMs: number;
}

const HEADING = '## Lambda bundles';
const BUDGET_BYTES = 500 * 1024;
const BUDGET_INIT_MS = 200;

/**
 * Each bundle's size limit: DESIGN §7's 500 KB, and the report function's
 * recorded exception — pdf-lib, fontkit 2 and exceljs, 2,334 KiB measured
 * on 2026-12-04 — with room for small upgrades. Its font ships beside it.
 */
export const BUNDLE_LIMIT_BYTES: Record<LambdaName, number> = {
  public: BUDGET_BYTES,
  admin: BUDGET_BYTES,
  results: BUDGET_BYTES,
  scheduler: BUDGET_BYTES,
  report: 2560 * 1024,
};
/** Module init budgets: DESIGN §7's 200 ms; the report function's recorded exception. */
const INIT_LIMIT_MS: Record<string, number> = { report: 400 };

/**
 * Replaces the "Lambda bundles" section of docs/BENCHMARKS.md (creating the
 * file if needed) and leaves every other section as it is. Run with
 * KOE_WRITE_BENCHMARKS=1 npx vitest run tests/infra/bundles.test.ts
 */
export function writeLambdaBenchmarks(figures: Record<string, BundleFigures>): void {
  const file = path.join(PROJECT_ROOT, 'docs/BENCHMARKS.md');
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const ok = (pass: boolean) => (pass ? 'within' : '**over**');
  const rows = Object.entries(figures).map(([name, f]) => {
    const bytes = BUNDLE_LIMIT_BYTES[name as LambdaName] ?? BUDGET_BYTES;
    const ms = INIT_LIMIT_MS[name] ?? BUDGET_INIT_MS;
    const mark = (limit: number, budget: number) =>
      limit === budget ? '' : ` (≤ ${limit >= 1024 ? kib(limit) : `${limit} ms`}, exception)`;
    return [
      name,
      kib(f.bytes),
      `${ok(f.bytes <= bytes)}${mark(bytes, BUDGET_BYTES)}`,
      `${f.initMinMs.toFixed(0)} ms`,
      `${f.initMedianMs.toFixed(0)} ms`,
      `${ok(f.initMinMs <= ms)}${mark(ms, BUDGET_INIT_MS)}`,
    ];
  });
  const cpu = cpus();
  const section = [
    HEADING,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`tests/infra/bundles.test.ts\` on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node.js ${process.version} (load average ${loadavg()[0]!.toFixed(1)} at the time: init times on a busy machine run high).`,
    'Each bundle is built with the stack’s esbuild settings (`infra/bundling.ts`: ESM, minified, linked source map, AWS SDK v3 left to the Lambda runtime).',
    'Size is `index.mjs` without its source map. Init is the time to `import()` the bundle in a fresh Node process with no configuration, 9 processes each; the budget is judged on the fastest run, the one least disturbed by other work on the machine.',
    `Budgets (DESIGN §7): ≤ ${BUDGET_BYTES / 1024} KiB minified, module init ≤ ${BUDGET_INIT_MS} ms; the report function (pdf-lib, fontkit, exceljs) is the recorded exception.`,
    '',
    ...table(['function', 'size', 'size budget', 'init (min)', 'init (median)', 'init budget'], rows),
    '',
    'Update: `KOE_WRITE_BENCHMARKS=1 npx vitest run tests/infra/bundles.test.ts`.',
    '',
  ].join('\n');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = before.indexOf(HEADING);
  let after: string;
  if (start === -1) after = `${before.trimEnd()}\n\n${section}`;
  else {
    const next = before.indexOf('\n## ', start + HEADING.length);
    after = `${before.slice(0, start)}${section}${next === -1 ? '' : `\n${before.slice(next + 1)}`}`;
  }
  writeFileSync(file, after);
}

/** A Markdown table with padded columns, as the project's formatter writes them. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
