import type { Store } from '../store';

/**
 * A2: per-person issuance state is reduced to counts at close. The ledger of
 * a closed campaign (who was invited, whose invitation was used) is folded
 * into per-unit counts — invited and tokens issued, what participation
 * shows — and then deleted, so no table, dump or later backup keeps who took
 * part. Safe to run again: counts are recorded once (before any deletion), and
 * a retry deletes what is left.
 */
export async function reduceLedgerToCounts(store: Store, campaignId: string): Promise<void> {
  const entries = await store.directory.listLedger(campaignId);
  if (entries.length === 0) return;
  const perUnit = new Map<string, { invited: number; issued: number }>();
  for (const e of entries) {
    const c = perUnit.get(e.unitCode) ?? { invited: 0, issued: 0 };
    c.invited++;
    if (e.state === 'issued') c.issued++;
    perUnit.set(e.unitCode, c);
  }
  await Promise.all(
    [...perUnit].map(([unit, c]) => store.campaigns.setFinalIssuance(campaignId, unit, c.invited, c.issued)),
  );
  await store.directory.deleteLedgerEntries(entries.map((e) => e.codeHash));
}
