import { shardOf, tokenHash } from '../../functions/crypto';
import { computeAndStoreResults } from '../../functions/results/run';
import { createCampaign } from '../../functions/services/campaigns';
import { annualStaffSurvey } from '../../shared/instruments';
import { serveHarness } from './child';
import { startBenchServer } from './server';
import { syntheticResponses, syntheticUnits } from './synthetic';
import { randomBytes } from 'node:crypto';

/**
 * Results end to end on the embedded store (on disk, as `npm start` keeps
 * it): a closed campaign's responses written with BatchWriteItem, then
 * `computeAndStoreResults` — read every shard, compute, store the results —
 * beside a plain read of the same responses (the reference).
 */

const bench = await startBenchServer();
const { deps, store } = bench.runtime;

export interface StoredRun {
  responses: number;
  units: number;
  writeMs: number;
  readMs: number[];
  computeMs: number[];
}

/**
 * One closed campaign with its frozen snapshot, as an open would leave it. Every unit is its own key
 * group here (the most work for the results pass: every unit has answers of its own); the bench
 * writes the snapshot directly, since it has no roster to open with.
 */
async function closedCampaign(
  units: ReturnType<typeof syntheticUnits>,
  fiscalYear: number,
): Promise<{ id: string; day: string }> {
  const draft = await createCampaign(deps, {
    fiscalYear,
    templateId: annualStaffSurvey.id,
    opensAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    closesAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
  const record = (await store.campaigns.getCampaign(draft.id))!;
  const frozen = await store.campaigns.putFrozen(
    record.id,
    {
      k: record.minGroupSize,
      kSensitive: 10,
      units,
      groups: units.map((u) => ({ id: u.code, units: [u.code], invited: 0, keyId: '', counts: {} })),
    },
    [],
  );
  const closedAt = new Date(Date.now() - 3_600_000).toISOString();
  await store.campaigns.updateCampaign(
    { ...record, status: 'closed', openedAt: record.opensAt, closedAt, resultsState: 'pending', frozen },
    'draft',
  );
  return { id: record.id, day: closedAt.slice(0, 10) };
}

async function run(arg: { responses: number; repeats: number }): Promise<StoredRun> {
  // A city's tree: 8 departments, 48 divisions, 192 sections.
  const units = syntheticUnits(8, 6, 4);
  for (let i = 0; i < units.length; i += 25) {
    await Promise.all(units.slice(i, i + 25).map((u) => store.directory.createUnit(u)));
  }
  const writes: number[] = [];
  const readMs: number[] = [];
  const computeMs: number[] = [];
  // Results are computed once per campaign (DESIGN §3, A3): each repeat is a campaign of its own.
  for (let r = 0; r < arg.repeats; r++) {
    // One annual campaign per fiscal year (campaigns.ts): each repeat a year of its own.
    const { id, day } = await closedCampaign(units, 2025 - r);
    let t = performance.now();
    for (const chunk of syntheticResponses(annualStaffSurvey, units, arg.responses, 5, 1_000)) {
      const entries = chunk.map((response) => {
        const hash = tokenHash(randomBytes(64));
        return { shard: shardOf(hash), tokenHash: hash, response: { ...response, day } };
      });
      // Four batch writers at a time, 25 items per BatchWriteItem.
      const quarter = Math.ceil(entries.length / 4);
      await Promise.all(
        [0, 1, 2, 3].map((q) => store.responses.putBatch(id, entries.slice(q * quarter, (q + 1) * quarter))),
      );
    }
    writes.push(performance.now() - t);

    t = performance.now();
    let n = 0;
    await store.responses.forEach(id, () => {
      n++;
    });
    readMs.push(performance.now() - t);
    if (n !== arg.responses) throw new Error(`read ${n} responses, wrote ${arg.responses}`);
    t = performance.now();
    await computeAndStoreResults(store, id);
    computeMs.push(performance.now() - t);
    const results = await store.results.getResults(id);
    if (results?.overall.n !== arg.responses)
      throw new Error(`results count ${results?.overall.n} responses`);
  }
  return { responses: arg.responses, units: units.length, writeMs: writes[0]!, readMs, computeMs };
}

serveHarness({ run }, () => bench.close());
