import { constants, createHash, type KeyObject, randomBytes, sign } from 'node:crypto';
import { shardOf, tokenHash, unwrapPrivateKey } from '../../functions/crypto';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { createCampaign, openCampaign } from '../../functions/services/campaigns';
import { participation } from '../../functions/services/invitations';
import { seedDemoOrganisation } from '../../functions/seed/demo';
import { demoStaff } from '../../functions/seed/demo-organisation';
import { keyBook } from '../../functions/services/frozen';
import type { StoredResponse } from '../../functions/store/responses';
import { annualStaffSurvey } from '../../shared/instruments';
import type { Item } from '../../shared/instruments/schema';
import { jstDay } from '../../shared/time/fiscal-year';
import { serveHarness } from './child';
import { startBenchServer } from './server';
import { askedItems, seeded, syntheticAnswers, syntheticAttributes } from './synthetic';

/**
 * The server side of the submit benchmark, in its own process: koe as
 * `npm start` runs it (API and embedded store in one process), with the demo
 * organisation and an open campaign on the annual template.
 *
 * - `bodies`: valid submissions, each with its own token signed by its unit's
 *   key (RSASSA-PSS-SHA384, salt 48: exactly what the browser's finalize
 *   yields), for the harness to send over HTTP;
 * - `rawPut`: the same number of response items of the same shape and size,
 *   written straight through the store's PutItem at the same concurrency, in
 *   this same process — the most the store can take;
 * - `flush`: writes the answers held for the next shuffled batch (A2) now, timed;
 * - `check`: what was stored and counted, to prove every submission landed;
 * - `cpu`: this process's CPU time so far, to put CPU per operation beside throughput.
 */

const bench = await startBenchServer();
const { deps, store } = bench.runtime;
await seedDemoOrganisation(deps);
const campaign = await createCampaign(deps, {
  fiscalYear: 2026,
  templateId: annualStaffSurvey.id,
  opensAt: new Date(Date.now() - 86_400_000).toISOString(),
  closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});
await openCampaign(deps, campaign.id);

interface UnitSigner {
  unitCode: string;
  keyId: string;
  privateKey: KeyObject;
}
const signers: UnitSigner[] = await Promise.all(
  (await store.campaigns.listUnitKeys(campaign.id)).map(async (k) => ({
    unitCode: k.unitCode,
    keyId: k.keyId,
    privateKey: await unwrapPrivateKey(
      deps.keys,
      new Uint8Array(k.wrappedPrivateKey),
      `${campaign.id}/${k.unitCode}`,
      k.keyId,
    ),
  })),
);
// Respondents spread over units as staff are.
const staffUnits = demoStaff().map((s) => s.unitCode);
// One key per key group (A3): a unit's people use their group's key.
const groupOf = (await keyBook(deps, (await store.campaigns.getCampaign(campaign.id))!)).groupOfUnit;
const signerByGroup = new Map(signers.map((s) => [s.unitCode, s]));
const signerOf = new Map([...groupOf].map(([unit, group]) => [unit, signerByGroup.get(group)!]));
const items: Item[] = askedItems(annualStaffSurvey);
const random = seeded(7);
const pickUnit = () => staffUnits[Math.floor(random() * staffUnits.length)]!;

function bodies(arg: { n: number }): string[] {
  const out: string[] = [];
  for (let i = 0; i < arg.n; i++) {
    const signer = signerOf.get(pickUnit())!;
    // RFC 9474 prepare: 32 random bytes before the message.
    const token = Buffer.concat([randomBytes(32), createHash('sha256').update(randomBytes(16)).digest()]);
    const signature = sign('sha384', token, {
      key: signer.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 48,
    });
    out.push(
      JSON.stringify({
        campaignId: campaign.id,
        keyId: signer.keyId,
        token: token.toString('base64url'),
        signature: signature.toString('base64url'),
        attributes: syntheticAttributes(random),
        answers: syntheticAnswers(items, random),
      }),
    );
  }
  return out;
}

/** Raw PutItem of the same items, same concurrency; a separate campaign id so the counts stay exact. */
async function rawPut(arg: {
  n: number;
  concurrency: number;
}): Promise<{ ms: number; cpuMicros: number; bytes: number }> {
  const day = jstDay(new Date());
  const prepared = Array.from({ length: arg.n }, () => {
    const hash = tokenHash(randomBytes(64));
    const response: StoredResponse = {
      unitCode: pickUnit(),
      attributes: syntheticAttributes(random),
      answers: syntheticAnswers(items, random),
      day,
    };
    return { hash, response };
  });
  const bytes = prepared.reduce((sum, p) => sum + JSON.stringify(p.response).length, 0) / arg.n;
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: arg.concurrency }, async () => {
      for (let i = next++; i < arg.n; i = next++) {
        const { hash, response } = prepared[i]!;
        await store.responses.put(`${campaign.id}-raw`, shardOf(hash), hash, response);
      }
    }),
  );
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMicros: used.user + used.system, bytes };
}

/** Writes the answers held for the next batch (A2) now, as the fixed time would: how long, and the CPU. */
async function flush(): Promise<{ ms: number; cpuMicros: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await flushAnswers(store);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMicros: used.user + used.system };
}

async function check(): Promise<{ stored: number; counted: number }> {
  let stored = 0;
  await store.responses.forEach(campaign.id, () => {
    stored++;
  });
  const counted = (await participation(deps, campaign.id)).responses;
  return { stored, counted };
}

serveHarness({ url: () => bench.baseUrl, bodies, rawPut, flush, check, cpu: () => process.cpuUsage() }, () =>
  bench.close(),
);
