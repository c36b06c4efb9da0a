import * as z from 'zod';
import { MIN_K } from '../disclosure/policy';
import { Code, Fraction, IsoDateTime } from './common';

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const FiscalYear = z.number().int().min(2000).max(2100);

/**
 * What a campaign feeds (DESIGN §5): `annual` the pillar × year dashboard (at most one per fiscal
 * year), `pulse` its own results page only, never an annual figure. Records made before kinds
 * existed are annual.
 */
export const CAMPAIGN_KINDS = ['annual', 'pulse'] as const;
export const CampaignKind = z.enum(CAMPAIGN_KINDS);
export type CampaignKind = z.infer<typeof CampaignKind>;

const CampaignTitle = z.strictObject({
  ja: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200).optional(),
});

/** minGroupSize is k of DESIGN §4: default 5, never below 5 (MIN_K). */
export const MinGroupSize = z
  .number()
  .int()
  .min(MIN_K, { error: `minGroupSize must be at least ${MIN_K} (最小集計人数は${MIN_K}以上です)` })
  .max(100);

const campaignFields = {
  fiscalYear: FiscalYear,
  templateId: z.string().min(1).max(100),
  title: CampaignTitle.optional(),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  minGroupSize: MinGroupSize.optional(),
  /** Default `annual`. */
  kind: CampaignKind.optional(),
};

function closesAfterOpens(v: { opensAt?: string | undefined; closesAt?: string | undefined }) {
  return !v.opensAt || !v.closesAt || Date.parse(v.closesAt) > Date.parse(v.opensAt);
}
const order = { message: 'closesAt must be after opensAt', path: ['closesAt'] };

export const CampaignCreate = z.strictObject(campaignFields).refine(closesAfterOpens, order);
export type CampaignCreate = z.infer<typeof CampaignCreate>;

/** Edits are allowed while the campaign is a draft. */
export const CampaignUpdate = z
  .strictObject(campaignFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')
  .refine(closesAfterOpens, order);
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const Campaign = z.strictObject({
  id: z.string(),
  fiscalYear: z.number().int(),
  templateId: z.string(),
  title: z.strictObject({ ja: z.string(), en: z.string().optional() }),
  opensAt: z.string(),
  closesAt: z.string(),
  minGroupSize: z.number().int(),
  kind: CampaignKind,
  status: CampaignStatus,
  createdAt: z.string(),
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** Closed, and its results are still to be computed (the results job has not run yet, or failed). */
  resultsPending: z.literal(true).optional(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignStatusResponse = z.strictObject({ id: z.string(), status: CampaignStatus });

export const InvitationRequest = z
  .strictObject({
    /** Limit to these units' subtrees; all staff when absent. */
    unitCodes: z.array(Code).max(1000).optional(),
  })
  .optional();

export const Invitation = z.strictObject({
  staffNo: z.string(),
  unitCode: z.string(),
  code: z.string(),
  url: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationsResponse = z.strictObject({ invitations: z.array(Invitation) });

const Counts = z.strictObject({
  invited: z.number().int(),
  responses: z.number().int(),
  rate: Fraction,
});

/**
 * One unit's (or key group's) participation. `invited`, `responses` and `rate` count its direct
 * members (直属) only; a unit with sub-units also has `total`, its count including every unit below
 * it (配下を含む合計), which is the n its results count.
 */
export const UnitParticipation = Counts.extend({
  unitCode: z.string(),
  total: Counts.optional(),
});

export const Participation = z.strictObject({
  invited: z.number().int(),
  tokensIssued: z.number().int(),
  responses: z.number().int(),
  units: z.array(UnitParticipation),
});
export type Participation = z.infer<typeof Participation>;
