import * as z from 'zod';
import { InvitationRequest, InvitationsResponse } from '../../../shared/api/campaign';
import {
  DeliveryRequest,
  DeliveryResult,
  FeedbackDeliveryRequest,
  ReminderResult,
  SlipsResponse,
} from '../../../shared/api/delivery';
import { FeedbackCode, FeedbackCodesRequest } from '../../../shared/api/feedback';
import {
  allFeedbackCodes,
  allInvitations,
  deliverFeedbackCodes,
  deliverInvitations,
  feedbackSlips,
  invitationSlips,
  invitationsCsv,
} from '../../services/delivery';
import { sendReminders } from '../../services/reminders';
import type { AppDeps } from '../../deps';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

const tags = ['delivery'];
const custodian = ['custodian'] as const;
const mail = errors({ 502: 'some e-mails failed', 503: 'no mail service' });
const noCampaign = errors({ 404: 'no such campaign', 409: 'the campaign is not open' });

const deliver = defineRoute({
  method: 'post',
  path: '/{id}/invitations/deliver',
  tags,
  summary: 'E-mail every invited person with an address (or staffNos again); counts only (audited)',
  access: custodian,
  request: { params: IdParam, body: jsonRequest(DeliveryRequest, { optional: true }) },
  responses: { 200: ok(DeliveryResult), ...noCampaign, ...mail },
});
const remind = defineRoute({
  method: 'post',
  path: '/{id}/reminders',
  tags,
  summary:
    'E-mail a reminder to each invited person who has not sent answers yet; counts only, once per Japan-time day (audited)',
  access: custodian,
  request: { params: IdParam },
  responses: {
    200: ok(ReminderResult),
    ...errors({
      404: 'no such campaign',
      409: 'campaign not open, or its deadline has passed',
      429: 'reminders already sent today (Retry-After)',
    }),
    ...mail,
  },
});
const slips = defineRoute({
  method: 'post',
  path: '/{id}/invitations/slips',
  tags,
  summary: 'Slips to print: everyone without e-mail, or a reprint for staffNos (audited)',
  access: custodian,
  request: { params: IdParam, body: jsonRequest(DeliveryRequest, { optional: true }) },
  responses: { 200: ok(SlipsResponse), ...noCampaign },
});
const invitations = defineRoute({
  method: 'post',
  path: '/{id}/invitations',
  tags,
  summary: 'Every invitation with its code, or those of some units’ subtrees (audited)',
  access: custodian,
  request: { params: IdParam, body: jsonRequest(InvitationRequest, { optional: true }) },
  responses: { 200: ok(InvitationsResponse), ...noCampaign },
});
const csv = defineRoute({
  method: 'get',
  path: '/{id}/invitations.csv',
  tags,
  summary: 'The invitations as CSV for a mail merge outside koe (UTF-8 with BOM; audited)',
  access: custodian,
  request: { params: IdParam },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...noCampaign,
  },
});

/**
 * Invitation codes (DESIGN §3, A5 and A7): only the custodian reaches them.
 * The custodian reads no result, comment, indicator or post; those who do
 * never reach a code. Every route here is audited, without the codes.
 */
export function invitationDeliveryRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();

  /** E-mails every invited person with an address (or `staffNos` again). Counts only. */
  app.openapi(deliver, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await deliverInvitations(deps, c.get('user').email, c.req.valid('param').id, body?.staffNos),
    );
  });

  /**
   * Reminds by e-mail everyone whose invitation is still unused, once per
   * Japan-time day. Counts only: who has not answered never leaves the server.
   */
  app.openapi(remind, async (c) =>
    c.json(await sendReminders(deps, c.get('user').email, c.req.valid('param').id)),
  );

  /** Slips to print: everyone without e-mail, or a reprint for `staffNos`. */
  app.openapi(slips, async (c) => {
    const body = c.req.valid('json');
    const out = await invitationSlips(deps, c.get('user').email, c.req.valid('param').id, body?.staffNos);
    return c.json({ slips: out });
  });

  /** Every invitation with its code (or those of some units' subtrees). */
  app.openapi(invitations, async (c) => {
    const body = c.req.valid('json');
    const out = await allInvitations(deps, c.get('user').email, c.req.valid('param').id, body?.unitCodes);
    return c.json({ invitations: out });
  });

  /** The same invitations as CSV, for a mail merge outside koe (UTF-8 with BOM so spreadsheets read it). */
  app.openapi(csv, async (c) => {
    const { id } = c.req.valid('param');
    const body = await invitationsCsv(deps, c.get('user').email, id);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="invitations-${id}.csv"`);
    return c.body(body);
  });

  return app;
}

const codesDeliver = defineRoute({
  method: 'post',
  path: '/codes/deliver',
  tags,
  summary: 'E-mail each person (or staffNos again) their feedback code of the year; counts only (audited)',
  access: custodian,
  request: { body: jsonRequest(FeedbackDeliveryRequest) },
  responses: { 200: ok(DeliveryResult), ...mail },
});
const codesSlips = defineRoute({
  method: 'post',
  path: '/codes/slips',
  tags,
  summary: 'Feedback-code slips: staff without e-mail, or a reprint for staffNos (audited)',
  access: custodian,
  request: { body: jsonRequest(FeedbackDeliveryRequest) },
  responses: { 200: ok(SlipsResponse) },
});
const codes = defineRoute({
  method: 'post',
  path: '/codes',
  tags,
  summary: 'Every feedback code of the year (audited)',
  access: custodian,
  request: { body: jsonRequest(FeedbackCodesRequest) },
  responses: { 200: ok(z.strictObject({ codes: z.array(FeedbackCode) })) },
});

/** Yearly feedback codes: the custodian's too, delivered the same ways. */
export function feedbackDeliveryRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(codesDeliver, async (c) => {
    const { fiscalYear, staffNos } = c.req.valid('json');
    return c.json(await deliverFeedbackCodes(deps, c.get('user').email, fiscalYear, staffNos));
  });
  app.openapi(codesSlips, async (c) => {
    const { fiscalYear, staffNos } = c.req.valid('json');
    return c.json({ slips: await feedbackSlips(deps, c.get('user').email, fiscalYear, staffNos) });
  });
  app.openapi(codes, async (c) => {
    const { fiscalYear } = c.req.valid('json');
    return c.json({ codes: await allFeedbackCodes(deps, c.get('user').email, fiscalYear) });
  });
  return app;
}
