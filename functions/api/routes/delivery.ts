import { type Context, Hono } from 'hono';
import type * as z from 'zod';
import { InvitationRequest } from '../../../shared/api/campaign';
import { DeliveryRequest, FeedbackDeliveryRequest } from '../../../shared/api/delivery';
import { FeedbackCodesRequest } from '../../../shared/api/feedback';
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
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody } from '../validate';

/** An optional JSON body: absent (no length, no type) is `undefined`; present, it is checked. */
async function optionalBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S> | undefined> {
  const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type');
  return hasBody ? await jsonBody(c, schema) : undefined;
}

/**
 * Invitation codes (DESIGN §3, A5 and A7): only the custodian reaches them.
 * The custodian reads no result, comment, indicator or post; those who do
 * never reach a code. Every route here is audited, without the codes.
 */
export function invitationDeliveryRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const custodian = requireRole('custodian');

  /** E-mails every invited person with an address (or `staffNos` again). Counts only. */
  app.post('/:id/invitations/deliver', custodian, async (c) => {
    const body = await optionalBody(c, DeliveryRequest);
    return c.json(await deliverInvitations(deps, c.get('user').email, c.req.param('id'), body?.staffNos));
  });

  /**
   * Reminds by e-mail everyone whose invitation is still unused, once per
   * Japan-time day. Counts only: who has not answered never leaves the server.
   */
  app.post('/:id/reminders', custodian, async (c) => {
    return c.json(await sendReminders(deps, c.get('user').email, c.req.param('id')));
  });

  /** Slips to print: everyone without e-mail, or a reprint for `staffNos`. */
  app.post('/:id/invitations/slips', custodian, async (c) => {
    const body = await optionalBody(c, DeliveryRequest);
    const slips = await invitationSlips(deps, c.get('user').email, c.req.param('id'), body?.staffNos);
    return c.json({ slips });
  });

  /** Every invitation with its code (or those of some units' subtrees). */
  app.post('/:id/invitations', custodian, async (c) => {
    const body = await optionalBody(c, InvitationRequest);
    const invitations = await allInvitations(deps, c.get('user').email, c.req.param('id'), body?.unitCodes);
    return c.json({ invitations });
  });

  /** The same invitations as CSV, for a mail merge outside koe (UTF-8 with BOM so spreadsheets read it). */
  app.get('/:id/invitations.csv', custodian, async (c) => {
    const csv = await invitationsCsv(deps, c.get('user').email, c.req.param('id'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="invitations-${c.req.param('id')}.csv"`);
    return c.body(csv);
  });

  return app;
}

/** Yearly feedback codes: the custodian's too, delivered the same ways. */
export function feedbackDeliveryRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const custodian = requireRole('custodian');

  app.post('/codes/deliver', custodian, async (c) => {
    const { fiscalYear, staffNos } = await jsonBody(c, FeedbackDeliveryRequest);
    return c.json(await deliverFeedbackCodes(deps, c.get('user').email, fiscalYear, staffNos));
  });

  app.post('/codes/slips', custodian, async (c) => {
    const { fiscalYear, staffNos } = await jsonBody(c, FeedbackDeliveryRequest);
    return c.json({ slips: await feedbackSlips(deps, c.get('user').email, fiscalYear, staffNos) });
  });

  app.post('/codes', custodian, async (c) => {
    const { fiscalYear } = await jsonBody(c, FeedbackCodesRequest);
    return c.json({ codes: await allFeedbackCodes(deps, c.get('user').email, fiscalYear) });
  });

  return app;
}
