import * as z from 'zod';
import { CODE_PATTERN, normaliseCode } from '../text/invitation-code';
import { Base64Url, Code } from './common';

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
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyAttribute = z.strictObject({
  id: z.string(),
  label: Label,
  options: z.array(z.strictObject({ value: z.string(), label: Label })),
});

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

export const ResponseReceipt = z.strictObject({ receipt: z.string() });
