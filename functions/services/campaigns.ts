import { randomBytes } from 'node:crypto';
import type { Campaign, CampaignCreate, CampaignUpdate } from '../../shared/api/campaign';
import type { Template } from '../../shared/instruments/schema';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../api/deps';
import { HttpError } from '../api/http-error';
import { generateUnitKey, newCampaignSecret } from '../crypto';
import type { CampaignRecord, UnitKeyRecord } from '../store/surveys';
import { flushAnswers } from './answer-buffer';
import { reduceLedgerToCounts } from './ledger-reduction';
import { campaignClosed } from './open-campaigns';
import { flushResponseCounts } from './response-counts';

export const DEFAULT_MIN_GROUP_SIZE = 5;
export const SENSITIVE_MIN_GROUP_SIZE = 10;

/** The campaign as the API shows it: no template snapshot, no secret. */
export function publicView(record: CampaignRecord): Campaign {
  const { template: _t, inviteSecret: _s, resultsState: _r, ...campaign } = record;
  return campaign;
}

const campaignId = () => `c${randomBytes(8).toString('hex')}`;

export async function createCampaign(deps: AppDeps, input: CampaignCreate): Promise<Campaign> {
  const template = await deps.store.surveys.getTemplate<Template>(input.templateId);
  if (!template) throw new HttpError(400, 'unknown_template', `template ${input.templateId} does not exist`);
  const id = campaignId();
  const now = (deps.now?.() ?? new Date()).toISOString();
  const record: CampaignRecord = {
    id,
    fiscalYear: input.fiscalYear,
    templateId: input.templateId,
    title: input.title ?? {
      ja: `${fiscalYearLabel(input.fiscalYear, 'ja')} ${template.title.ja}`,
      en: `${template.title.en} ${fiscalYearLabel(input.fiscalYear, 'en')}`,
    },
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    minGroupSize: input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    status: 'draft',
    createdAt: now,
    template,
    inviteSecret: await deps.keys.wrap(newCampaignSecret(), `${id}#invite`),
  };
  await deps.store.surveys.createCampaign(record);
  return publicView(record);
}

export async function getCampaignRecord(deps: AppDeps, id: string): Promise<CampaignRecord> {
  const record = await deps.store.surveys.getCampaign(id);
  if (!record) throw new HttpError(404, 'not_found', `campaign ${id} was not found`);
  return record;
}

export async function updateCampaign(deps: AppDeps, id: string, input: CampaignUpdate): Promise<Campaign> {
  const record = await getCampaignRecord(deps, id);
  if (record.status !== 'draft') {
    throw new HttpError(409, 'wrong_status', 'only a draft campaign can be edited');
  }
  const next: CampaignRecord = { ...record };
  if (input.templateId && input.templateId !== record.templateId) {
    const template = await deps.store.surveys.getTemplate<Template>(input.templateId);
    if (!template)
      throw new HttpError(400, 'unknown_template', `template ${input.templateId} does not exist`);
    next.templateId = input.templateId;
    next.template = template;
  }
  if (input.fiscalYear !== undefined) next.fiscalYear = input.fiscalYear;
  if (input.title) next.title = input.title;
  if (input.opensAt) next.opensAt = input.opensAt;
  if (input.closesAt) next.closesAt = input.closesAt;
  if (input.minGroupSize !== undefined) next.minGroupSize = input.minGroupSize;
  if (Date.parse(next.closesAt) <= Date.parse(next.opensAt)) {
    throw new HttpError(400, 'invalid_request', 'closesAt must be after opensAt');
  }
  await deps.store.surveys.updateCampaign(next, 'draft');
  return publicView(next);
}

/**
 * Opens a draft: one RSA-2048 key pair per unit for this campaign, private
 * halves wrapped, then the status flips (conditional on still being draft).
 * Keys made by a losing concurrent call are never referenced.
 */
export async function openCampaign(deps: AppDeps, id: string): Promise<Campaign> {
  const record = await getCampaignRecord(deps, id);
  if (record.status !== 'draft') {
    throw new HttpError(409, 'wrong_status', `campaign is ${record.status}; only a draft can be opened`);
  }
  const units = await deps.store.directory.listUnits();
  if (units.length === 0) throw new HttpError(409, 'no_units', 'create units before opening a campaign');
  const existing = new Set((await deps.store.surveys.listUnitKeys(id)).map((k) => k.unitCode));
  const keys: UnitKeyRecord[] = [];
  const missing = units.filter((u) => !existing.has(u.code));
  for (let i = 0; i < missing.length; i += 8) {
    const batch = await Promise.all(
      missing.slice(i, i + 8).map(async (unit) => {
        const key = await generateUnitKey();
        return {
          campaignId: id,
          unitCode: unit.code,
          keyId: key.keyId,
          publicKeySpki: key.publicKeySpki,
          wrappedPrivateKey: await deps.keys.wrap(key.privateKeyPkcs8, `${id}/${unit.code}`),
        };
      }),
    );
    keys.push(...batch);
  }
  await deps.store.surveys.putUnitKeys(keys);
  const next: CampaignRecord = {
    ...record,
    status: 'open',
    openedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  await deps.store.surveys.updateCampaign(next, 'draft');
  return publicView(next);
}

/**
 * Closes an open campaign: submissions stop, waiting answers are written,
 * results are computed, and the invitation ledger is reduced to per-unit
 * counts (ledger-reduction.ts).
 */
export async function closeCampaign(deps: AppDeps, id: string): Promise<Campaign> {
  const record = await getCampaignRecord(deps, id);
  // A close that failed after the status flipped (the results could not be computed or stored:
  // 503) is finished by the client's retry: closing a closed campaign without results runs them.
  if (record.status === 'closed' && !(await deps.store.surveys.getResultSummary(id))) {
    await flushAnswers(deps.store, id);
    await deps.runResults(id);
    await reduceLedgerToCounts(deps.store, id);
    return publicView(record);
  }
  if (record.status !== 'open') {
    throw new HttpError(
      409,
      'wrong_status',
      `campaign is ${record.status}; only an open campaign can be closed`,
    );
  }
  const next: CampaignRecord = {
    ...record,
    status: 'closed',
    closedAt: (deps.now?.() ?? new Date()).toISOString(),
    resultsState: 'pending',
  };
  await deps.store.surveys.updateCampaign(next, 'open');
  // Submissions stop here at once; those already admitted here finish before results read answers.
  await campaignClosed(deps.store, next);
  // Answers held for the next batch (answer-buffer.ts) are written, shuffled, before results read them.
  await flushAnswers(deps.store, id);
  await flushResponseCounts(deps.store);
  await deps.runResults(id);
  await reduceLedgerToCounts(deps.store, id);
  return publicView(next);
}
