import { startChild } from './child';
import { fmt, percentile, type Section } from './report';

export const DASHBOARD_BUDGET_MS = 50;

/** DESIGN §7: `/api/indicators` for 5 years from stored results, p95 ≤ 50 ms locally. */
export async function dashboardBench(quick: boolean): Promise<Section> {
  const child = await startChild('dashboard-child.ts');
  try {
    const { baseUrl, token } = await child.call<{ baseUrl: string; token: string }>('setup', {
      responsesPerYear: quick ? 200 : 2_000,
    });
    const headers = { authorization: `Bearer ${token}` };
    const get = async (path: string) => {
      const start = performance.now();
      const res = await fetch(`${baseUrl}${path}`, { headers });
      const body = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
      return { ms, body };
    };
    const route = '/api/indicators?from=2023&to=2027';
    const first = JSON.parse((await get(route)).body) as {
      years: number[];
      pillars: Array<{ indicators: Array<{ values: Array<{ favourable: number | null }> }> }>;
    };
    const values = first.pillars.flatMap((p) => p.indicators.flatMap((i) => i.values));
    if (first.years.length !== 5 || values.filter((v) => v.favourable !== null).length < 5 * 5) {
      throw new Error('indicators do not show five years of results');
    }
    // Warm-up, then requests one after another (a dashboard loads it once per view), interleaved with the reference.
    const n = quick ? 20 : 300;
    for (let i = 0; i < Math.min(20, n); i++) await get(route);
    const indicators: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < n; i++) {
      indicators.push((await get(route)).ms);
      health.push((await get('/api/health')).ms);
    }
    const p50 = percentile(indicators, 50);
    const p95 = percentile(indicators, 95);
    return {
      title: 'Dashboard',
      rows: [
        {
          name: '/api/indicators, 5 fiscal years: p95',
          measured: fmt.ms(p95),
          budget: `≤ ${fmt.ms(DASHBOARD_BUDGET_MS)}`,
          met: p95 <= DASHBOARD_BUDGET_MS,
          note: `${n} sequential requests over HTTP; p50 ${fmt.ms(p50)}, p99 ${fmt.ms(percentile(indicators, 99))}, max ${fmt.ms(Math.max(...indicators))}`,
        },
        {
          name: '/api/health, same run: p95 (reference)',
          measured: fmt.ms(percentile(health, 95)),
          note: `interleaved with the above; p50 ${fmt.ms(percentile(health, 50))}: the HTTP round trip alone`,
        },
      ],
      method: `
A child process runs koe as \`npm start\` does (API and embedded store on disk in one process) with
the demo organisation, five closed campaigns FY2023–FY2027 and an open FY2028 one, on the annual
template. Each closed campaign's results are computed by \`ResultsBuilder\` from ${quick ? 200 : '2,000'}
synthetic responses and stored with \`putResults\` (gzipped body and the summary head that
indicators read), and every construct has a FY2027 target. The harness signs in as an admin and
sends \`GET ${route}\` ${n} times, one after another over keep-alive HTTP, each followed by
\`GET /api/health\` as the reference for the bare round trip.

The route used to list every campaign record (each with its ~28 KB template snapshot and wrapped
secret), all templates, and then each year's summary. It now lists campaign heads only (a
projection: id, fiscal year, status, close time) beside the targets; a result summary, which never
changes once stored (it is computed after every accepted answer has landed), is read once per
process; and the templates' construct order is kept for a minute (functions/services/insights.ts,
functions/store/surveys.ts). Measured the same way on the code before this work, same machine and
hour, p95 was 45–88 ms.
`,
    };
  } finally {
    await child.stop();
  }
}
