import { annualStaffSurvey } from '../../shared/instruments';
import { ResultsBuilder } from '../../shared/results/compute';
import { serveHarness } from './child';
import { syntheticResponses, syntheticUnits } from './synthetic';

/**
 * Results computation in a fresh process, so its memory figures are its own:
 * synthetic responses are generated a chunk at a time (as the store hands
 * them over a page at a time) and only `add` and `finish` are timed. The
 * generator's own garbage is collected before each timed step (the process
 * runs with --expose-gc), so the timings carry only the computation's own
 * collections. The reference is the least any computation must do: one pass
 * reading every answer of the same responses.
 */

const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** This process's CPU time so far, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface ComputeRun {
  responses: number;
  items: number;
  units: number;
  /** Time in ResultsBuilder.add over all responses, and in finish. */
  addMs: number;
  finishMs: number;
  /** One pass summing every numeric answer of the same responses (reference). */
  passMs: number;
  /**
   * The same three steps in process CPU time (user + system): on a loaded
   * machine wall time also counts the time other processes held the core,
   * CPU time far less so.
   */
  addCpuMs: number;
  finishCpuMs: number;
  passCpuMs: number;
  baselineRss: number;
  peakRss: number;
  baselineHeap: number;
  peakHeap: number;
  /** Cells in the results: groups × constructs. */
  cells: number;
  suppressedUnits: number;
}

function compute(arg: { responses: number }): ComputeRun {
  const template = annualStaffSurvey;
  const units = syntheticUnits();
  const builder = new ResultsBuilder({
    campaignId: 'bench',
    fiscalYear: 2026,
    minGroupSize: 5,
    template,
    units,
    computedAt: new Date().toISOString(),
  });
  const items = template.constructs.reduce((n, c) => n + c.items.length, 0) + template.standaloneItems.length;
  const baselineRss = process.memoryUsage.rss();
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakHeap = baselineHeap;
  let addMs = 0;
  let passMs = 0;
  let addCpuMs = 0;
  let passCpuMs = 0;
  let checksum = 0;
  for (const chunk of syntheticResponses(template, units, arg.responses, 11)) {
    collect();
    let t = performance.now();
    let c = cpuMs();
    for (const r of chunk) {
      for (const id in r.answers) {
        const v = r.answers[id];
        if (typeof v === 'number') checksum += v;
      }
    }
    passMs += performance.now() - t;
    passCpuMs += cpuMs() - c;
    t = performance.now();
    c = cpuMs();
    for (const r of chunk) builder.add(r);
    addMs += performance.now() - t;
    addCpuMs += cpuMs() - c;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  collect();
  const t = performance.now();
  const c = cpuMs();
  const { results } = builder.finish();
  const finishMs = performance.now() - t;
  const finishCpuMs = cpuMs() - c;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (checksum === 0) throw new Error('no answers were read');
  const groups =
    1 +
    results.units.length +
    results.breakdowns.jobLevel.length +
    results.breakdowns.ageBand.length +
    results.breakdowns.employmentType.length;
  return {
    responses: arg.responses,
    items,
    units: units.length,
    addMs,
    finishMs,
    passMs,
    addCpuMs,
    finishCpuMs,
    passCpuMs,
    baselineRss,
    // maxRSS is in KiB: the whole process's high-water mark, so it covers any peak between samples.
    peakRss: process.resourceUsage().maxRSS * 1024,
    baselineHeap,
    peakHeap,
    cells: groups * results.overall.constructs.length,
    suppressedUnits: results.units.filter((u) => u.suppressed).length,
  };
}

serveHarness({ compute });
