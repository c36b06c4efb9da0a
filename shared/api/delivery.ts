import * as z from 'zod';
import { FiscalYear } from './campaign';
import { Code } from './common';

/**
 * Code delivery (DESIGN §3, A5): the system e-mails invitation and feedback
 * codes, and the custodian prints slips for staff without e-mail. Only the
 * custodian reaches these routes; readers of results never see a code, and
 * delivery answers with counts only.
 */

/** Limit to these staff numbers (a resend or a reprint); everyone when absent. */
const StaffNos = z.array(Code).min(1).max(5000);

export const DeliveryRequest = z.strictObject({ staffNos: StaffNos.optional() }).optional();
export type DeliveryRequest = z.infer<typeof DeliveryRequest>;

export const FeedbackDeliveryRequest = z.strictObject({
  fiscalYear: FiscalYear,
  staffNos: StaffNos.optional(),
});
export type FeedbackDeliveryRequest = z.infer<typeof FeedbackDeliveryRequest>;

/** Counts only: never a code, an address or a name. */
export const DeliveryResult = z.strictObject({
  /** E-mails handed to the mail service. */
  sent: z.number().int(),
  /** People (of those asked for) with no e-mail address: they need a printed slip. */
  withoutEmail: z.number().int(),
});
export type DeliveryResult = z.infer<typeof DeliveryResult>;

/** One printed slip: who it is for, and the code with its link (the code in the fragment). */
export const CodeSlip = z.strictObject({
  staffNo: z.string(),
  name: z.string(),
  unitCode: z.string(),
  code: z.string(),
  url: z.string(),
});
export type CodeSlip = z.infer<typeof CodeSlip>;

export const SlipsResponse = z.strictObject({ slips: z.array(CodeSlip) });
export type SlipsResponse = z.infer<typeof SlipsResponse>;

/**
 * A reminder run (issue 19): counts only. Who was reminded, i.e. who has not
 * answered yet, never leaves the server (DESIGN §3, A2/A5).
 */
export const ReminderResult = z.strictObject({
  /** Reminders handed to the mail service. */
  sent: z.number().int(),
  /** People not yet answered who have no e-mail address: no reminder reaches them. */
  skippedNoEmail: z.number().int(),
});
export type ReminderResult = z.infer<typeof ReminderResult>;
