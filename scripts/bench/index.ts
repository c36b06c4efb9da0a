/**
 * `npm run bench`: every budget of DESIGN §7, measured beside a reference
 * from the same run, printed beside its budget; the full run rewrites
 * docs/BENCHMARKS.md. `npm run bench -- --quick` runs everything at small
 * sizes (CI smoke test, well under a minute) and writes nothing.
 * `--only tokens,submit` runs a subset (development; writes nothing).
 * `--scale` runs only the 100,000-staff campaign end to end (scale.ts; issue 18), not in CI.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { dashboardBench } from './dashboard';
import { durableBench } from './durable';
import { firstRunBench } from './first-run';
import { lambdaBench } from './lambda';
import { migrateBench } from './migrate';
import { budgeted, machine, markdown, printSection, type Section, summaryLine } from './report';
import { resultsBench } from './results';
import { rosterBench } from './roster';
import { submitBench } from './submit';
import { tokenBench } from './tokens';
import { webBench } from './web';

const BENCHMARKS: Record<string, (quick: boolean) => Promise<Section>> = {
  tokens: tokenBench,
  submit: submitBench,
  durable: durableBench,
  results: resultsBench,
  dashboard: dashboardBench,
  web: webBench,
  lambda: lambdaBench,
  migrate: migrateBench,
  roster: rosterBench,
  'first-run': firstRunBench,
};

const args = process.argv.slice(2);
if (args.some((a) => a === '--scale' || a.startsWith('--scale='))) {
  const { scaleMain } = await import('./scale-main');
  process.exitCode = await scaleMain(args);
  // Let piped output drain, then stop here: the rest of this file runs the other benchmarks.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit();
}
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1]!).split(',')
  : undefined;
for (const name of only ?? []) {
  if (!BENCHMARKS[name])
    throw new Error(`no benchmark ${name}; there are ${Object.keys(BENCHMARKS).join(', ')}`);
}

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const host = machine();
const started = performance.now();
console.log(
  `koe bench${quick ? ' (quick: small sizes, figures are not meaningful)' : ''} — ${host.cpu}, ${host.cores} cores, ${host.memory}, node ${host.node}, load ${host.load}`,
);

const sections: Section[] = [];
let failed = false;
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (only && !only.includes(name)) continue;
  const t0 = performance.now();
  try {
    const section = await bench(quick);
    sections.push(section);
    printSection(section);
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed = true;
    console.error(`\n${name}: FAILED\n${(err as Error).stack ?? err}`);
    sections.push({
      title: name,
      rows: [{ name: `${name} benchmark`, measured: 'failed', budget: 'runs', met: false }],
    });
  }
}

const seconds = (performance.now() - started) / 1000;
if (!quick && !only) {
  const file = path.join(root, 'docs/BENCHMARKS.md');
  // What was written by hand (the scale run, notes under a section) stays: report.ts markdown().
  const previous = await readFile(file, 'utf8').catch(() => undefined);
  await writeFile(file, markdown(sections, host, seconds, previous));
  // The project's formatter has the last word on the layout (the file is checked with everything else).
  await run(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', file]).catch(() => {});
  console.log(`\nwrote docs/BENCHMARKS.md (${seconds.toFixed(0)} s)`);
} else {
  console.log(`\n${seconds.toFixed(0)} s; docs/BENCHMARKS.md left as it is`);
}
// The last line of the output, always.
console.log(summaryLine(sections));
// Quick mode checks that the benchmarks run, not their figures; a full run fails when a budget is missed.
const missed = budgeted(sections).some((r) => !r.met);
process.exitCode = failed || (!quick && missed) ? 1 : 0;
