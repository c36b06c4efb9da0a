import { startChild } from './child';
import { fmt, median, type Section } from './report';
import { CONCURRENCY, postAnswers } from './submit';

/**
 * Issue 20: what durable writes cost. The submit server (submit-child.ts, koe
 * as `npm start` runs it) twice: as koe runs — every acknowledged answer
 * fsynced into the encrypted journal before its 202, every LevelDB write
 * with `sync: true` — and, as the reference, with neither. Same requests,
 * rounds alternating between the two; latency to 202 and answers accepted
 * per second, then the batch written (synced) and timed.
 */
export async function durableBench(quick: boolean): Promise<Section> {
  const synced = await startChild('submit-child.ts');
  const plain = await startChild('submit-child.ts', { env: { KOE_BENCH_UNSYNCED: '1' } });
  try {
    const round = async (child: typeof synced, n: number) => {
      const url = await child.call<string>('url');
      const bodies = await child.call<string[]>('bodies', { n: n + 2 * CONCURRENCY });
      const { result, acceptMs } = await postAnswers(url, bodies, n);
      const accepted = result.statusCodeStats['202']?.count ?? 0;
      if (accepted !== n)
        throw new Error(`expected ${n} × 202, got ${JSON.stringify(result.statusCodeStats)}`);
      const batch = await child.call<{ ms: number }>('flush');
      return {
        rate: n / (acceptMs / 1000),
        p50: result.latency.p50,
        p99: result.latency.p99,
        batchMs: batch.ms,
      };
    };
    const n = quick ? 100 : 800;
    const rounds = quick ? 1 : 4;
    await round(synced, quick ? 50 : 200);
    await round(plain, quick ? 50 : 200);
    const on: Awaited<ReturnType<typeof round>>[] = [];
    const off: Awaited<ReturnType<typeof round>>[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        on.push(await round(synced, n));
        off.push(await round(plain, n));
      } else {
        off.push(await round(plain, n));
        on.push(await round(synced, n));
      }
    }
    const m = (xs: typeof on, k: 'rate' | 'p50' | 'p99' | 'batchMs') => median(xs.map((x) => x[k]));
    return {
      title: 'Durable writes',
      rows: [
        {
          name: 'submit accepted, fsynced journal + synced LevelDB',
          measured: fmt.rate(m(on, 'rate')),
          note: `latency to 202 p50 ${m(on, 'p50')} ms, p99 ${m(on, 'p99')} ms; the batch of ${n} written in ${m(on, 'batchMs').toFixed(0)} ms; median of ${rounds} rounds of ${n}, ${CONCURRENCY} concurrent`,
        },
        {
          name: 'submit accepted, no fsync (reference)',
          measured: fmt.rate(m(off, 'rate')),
          note: `latency to 202 p50 ${m(off, 'p50')} ms, p99 ${m(off, 'p99')} ms; the batch written in ${m(off, 'batchMs').toFixed(0)} ms`,
        },
        {
          name: 'durable / unsynced submit throughput',
          measured: fmt.pct(m(on, 'rate') / m(off, 'rate')),
          note: 'what syncing each acknowledged answer costs on this machine’s disk (its journal record is fdatasynced before the 202, one sync shared by the writes of the moment)',
        },
      ],
      method: DURABLE_METHOD,
    };
  } finally {
    await synced.stop();
    await plain.stop();
  }
}

const DURABLE_METHOD = `
Two submit servers (scripts/bench/submit-child.ts: koe as \`npm start\` runs it, demo organisation,
an open campaign) in separate processes: one as koe runs — each acknowledged answer written to the
encrypted journal (functions/local/journal.ts) and fdatasynced before the 202, the
embedded LevelDB opened with \`sync: true\` on every write (functions/store/synced-level.ts) — and
one with neither (\`KOE_BENCH_UNSYNCED=1\`, the benchmark's reference only). autocannon sends the
same kind of prepared submissions (distinct tokens) to each, rounds alternating; each round ends
with the batch written.
`;
