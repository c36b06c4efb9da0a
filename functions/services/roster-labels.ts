import {
  type RosterLabels,
  RosterLabels as RosterLabelsSchema,
} from '../../shared/organisation/roster-labels';
import type { AppDeps } from '../deps';
import { recordAudit } from './audit';
import { DomainError } from './errors';

/**
 * The city's own roster labels (issue 16): label → code pairs HR adds to the
 * built-in table (shared/organisation/roster-labels.ts), kept in the
 * directory table and audited like other HR changes.
 */
export async function cityRosterLabels(deps: Pick<AppDeps, 'store'>): Promise<RosterLabels> {
  const parsed = RosterLabelsSchema.safeParse(await deps.store.directory.getRosterLabels());
  return parsed.success ? parsed.data : { jobLevel: {}, employmentType: {}, ageBand: {} };
}

/**
 * Adds (or changes) pairs in the city's table; a pair whose code is `null`
 * removes that label. Returns the whole table.
 */
export async function saveCityRosterLabels(
  deps: Pick<AppDeps, 'store' | 'now'>,
  actor: string,
  change: Partial<Record<keyof RosterLabels, Record<string, string | null>>>,
): Promise<RosterLabels> {
  const current = await cityRosterLabels(deps);
  const next: Record<string, Record<string, string>> = {};
  let added = 0;
  let removed = 0;
  for (const field of ['jobLevel', 'employmentType', 'ageBand'] as const) {
    const pairs = { ...current[field] };
    for (const [label, code] of Object.entries(change[field] ?? {})) {
      const key = label.trim();
      if (code === null) {
        if (key in pairs) removed++;
        delete pairs[key];
      } else {
        pairs[key] = code;
        added++;
      }
    }
    next[field] = pairs;
  }
  const checked = RosterLabelsSchema.safeParse(next);
  if (!checked.success) {
    throw new DomainError(
      'invalid',
      'invalid_roster_labels',
      `対応表の内容が正しくありません / invalid label table: ${checked.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  await deps.store.directory.putRosterLabels(checked.data);
  await recordAudit(deps, {
    actor,
    action: 'roster.labels_changed',
    target: 'roster-labels',
    detail: { added, removed },
  });
  return checked.data;
}
