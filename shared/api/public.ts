import * as z from 'zod';
import { CODE_PATTERN, normaliseCode } from '../text/invitation-code';
import { Base64Url, Code } from './common';
import { MOVE_BLOCK_BYTES, MOVE_MAX_BLOCKS, MOVE_OVERHEAD_BYTES } from '../crypto/move-box';

export { normaliseCode };

const Label = z.strictObject({ ja: z.string(), en: z.string() });

export const SurveyQuestion = z.strictObject({
  id: z.string(),
  type: z.enum(['likert5', 'nps', 'single', 'multi', 'number', 'text']),
  required: z.boolean(),
  text: Label,
  /** `exclusive`: a choice that stands alone in a multi (e.g. "none of these"). */
  options: z
    .array(z.strictObject({ value: z.string(), label: Label, exclusive: z.boolean().optional() }))
    .optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().optional(),
  sensitive: z.boolean().optional(),
  /** likert5 only: offers 「該当しない」, answered with the string `na` (scored as missing). */
  notApplicable: z.boolean().optional(),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyAttribute = z.strictObject({
  id: z.string(),
  label: Label,
  options: z.array(z.strictObject({ value: z.string(), label: Label })),
});

const UnitRef = z.strictObject({
  code: z.string(),
  name: z.strictObject({ ja: z.string(), en: z.string().optional() }),
});

/** SHA-256 of a public key's SPKI DER: lower-case hex in 16 groups of four (shared/crypto/fingerprint.ts). */
export const Fingerprint = z.string().regex(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);

/** A4: a campaign's key groups, published without sign-in, the same for everyone. */
export const PublicKeyList = z.strictObject({
  campaign: z.strictObject({
    id: z.string(),
    title: z.strictObject({ ja: z.string(), en: z.string().optional() }),
    fiscalYear: z.number().int(),
    status: z.enum(['draft', 'open', 'closed']),
  }),
  groups: z.array(
    z.strictObject({
      groupId: z.string(),
      units: z.array(UnitRef),
      invited: z.number().int(),
      keyId: z.string(),
      fingerprint: Fingerprint,
    }),
  ),
});
export type PublicKeyList = z.infer<typeof PublicKeyList>;

export const PublicCampaign = z.strictObject({
  campaign: z.strictObject({
    id: z.string(),
    title: z.strictObject({ ja: z.string(), en: z.string().optional() }),
    fiscalYear: z.number().int(),
    opensAt: z.string(),
    closesAt: z.string(),
    status: z.enum(['draft', 'open', 'closed']),
    minGroupSize: z.number().int(),
    sensitiveMinGroupSize: z.number().int(),
  }),
  unit: z.strictObject({
    code: z.string(),
    name: z.strictObject({ ja: z.string(), en: z.string().optional() }),
  }),
  /** The HR development plan's name as stored (store.plan); absent when no plan is loaded. */
  planName: z.strictObject({ ja: z.string(), en: z.string().optional() }).optional(),
  /**
   * The respondent's key group (A4): whose answers the key signs for. The page shows it and compares
   * the fingerprint with the published list (GET /api/public/campaigns/:id/keys) before asking for a token.
   */
  keyGroup: z.strictObject({
    id: z.string(),
    units: z.array(UnitRef),
    invited: z.number().int(),
    fingerprint: Fingerprint,
  }),
  keyId: z.string(),
  /** SPKI DER, base64url. */
  publicKey: Base64Url,
  survey: z.strictObject({
    sections: z.array(
      z.strictObject({
        id: z.string(),
        title: Label,
        description: Label.optional(),
        questions: z.array(SurveyQuestion),
      }),
    ),
    attributes: z.array(SurveyAttribute),
  }),
});
export type PublicCampaign = z.infer<typeof PublicCampaign>;

export const InvitationCode = z
  .string()
  .max(64)
  .transform(normaliseCode)
  .pipe(z.string().regex(CODE_PATTERN, 'not an invitation code'));

/** A code travels in a POST body, never in a URL (DESIGN §3, A7): `POST /api/public/campaigns/:id`. */
export const PublicCampaignRequest = z.strictObject({ code: InvitationCode });
export type PublicCampaignRequest = z.infer<typeof PublicCampaignRequest>;

/**
 * A code alone, to find its survey (`POST /api/public/invitations/lookup`): for
 * a code typed off a paper slip. In the body, never in a URL (DESIGN §3, A7).
 */
export const CodeLookupRequest = z.strictObject({ code: InvitationCode });
export type CodeLookupRequest = z.infer<typeof CodeLookupRequest>;

/**
 * The open survey an invitation code belongs to: its id, title and dates and
 * nothing else — not the unit, not whether the code was used. An unknown code,
 * or one whose survey is not open, is a 404 of one shape.
 */
export const CodeLookup = z.strictObject({
  campaign: z.strictObject({
    id: z.string(),
    title: z.strictObject({ ja: z.string(), en: z.string().optional() }),
    opensAt: z.string(),
    closesAt: z.string(),
  }),
});
export type CodeLookup = z.infer<typeof CodeLookup>;

/** A 2048-bit RSA blinded message is 256 bytes: 342 base64url characters. */
const Rsa2048 = Base64Url.length(342, 'must be 256 bytes');

export const TokenRequest = z.strictObject({ code: InvitationCode, blindedMessage: Rsa2048 });
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z.strictObject({ keyId: z.string(), blindSignature: Base64Url });
export type TokenResponse = z.infer<typeof TokenResponse>;

export const AnswerValue = z.union([z.number(), z.string().max(4000), z.array(z.string().max(100)).max(50)]);

export const ResponseSubmit = z.strictObject({
  campaignId: z.string().min(1).max(64),
  keyId: z.string().min(1).max(128),
  /** The prepared message of RFC 9474 (32 random bytes prefixed to the token): 64 bytes. */
  token: Base64Url.min(22).max(200),
  signature: Rsa2048,
  attributes: z.record(Code, Code).optional(),
  answers: z.record(z.string().min(1).max(100), AnswerValue),
});
export type ResponseSubmit = z.infer<typeof ResponseSubmit>;

/**
 * The reply to a submission: `pending` — accepted and held until the next
 * batch is written (the browser keeps its copy until the status reads
 * `stored`); `stored` — these very answers are already stored.
 */
export const ResponseReceipt = z.strictObject({ receipt: z.string(), status: z.enum(['pending', 'stored']) });
export type ResponseReceipt = z.infer<typeof ResponseReceipt>;

/** Where a token's answers are; the token is what the browser holds (never a code). */
export const ResponseStatusRequest = z.strictObject({
  campaignId: z.string().min(1).max(64),
  token: Base64Url.min(22).max(200),
});
export type ResponseStatusRequest = z.infer<typeof ResponseStatusRequest>;

/** `unknown`: not held here and not stored (e.g. a restart lost the buffer): send the answers again. */
export const ResponseStatus = z.strictObject({
  receipt: z.string(),
  status: z.enum(['pending', 'stored', 'unknown']),
});
export type ResponseStatus = z.infer<typeof ResponseStatus>;

/*
 * Moving boxes (issue 19: start anywhere, finish anywhere). A person moves a
 * draft, a sent survey's credential or feedback tokens to another of their
 * devices: the first device encrypts them with a key derived from a random
 * transfer code and leaves the ciphertext here under a hash of that code;
 * the other device takes it once. The server never sees the code or the key.
 */

/** base64url(SHA-256("koe-move-id:" + code)): names the box, and cannot be turned back into the code. */
export const MoveBoxId = Base64Url.length(43);

export const MoveBoxPut = z.strictObject({
  id: MoveBoxId,
  box: Base64Url.min(4).max(Math.ceil(((MOVE_MAX_BLOCKS * MOVE_BLOCK_BYTES + MOVE_OVERHEAD_BYTES) * 4) / 3)),
});
export type MoveBoxPut = z.infer<typeof MoveBoxPut>;

export const MoveBoxTake = z.strictObject({ id: MoveBoxId });
export type MoveBoxTake = z.infer<typeof MoveBoxTake>;

/** When an untaken box is deleted: the hour after 24 hours from now. */
export const MoveBoxCreated = z.strictObject({ expiresAt: z.string() });
export type MoveBoxCreated = z.infer<typeof MoveBoxCreated>;

export const MoveBoxContent = z.strictObject({ box: Base64Url });
export type MoveBoxContent = z.infer<typeof MoveBoxContent>;
