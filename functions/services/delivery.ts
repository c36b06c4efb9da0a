import type { StaffRow } from '../../shared/api/organisation';
import type { CodeSlip, DeliveryResult } from '../../shared/api/delivery';
import { type CsvValue, toCsv } from '../../shared/text/csv';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import type { MailMessage } from '../mail/message';
import { feedbackMail, invitationMail } from '../mail/texts';
import { recordAudit } from './audit';
import { getCampaignRecord } from './campaigns';
import { feedbackCodes } from './feedback';
import { createInvitations } from './invitations';

/**
 * Code delivery (DESIGN §3, A5). The system e-mails each person their own
 * code, and the custodian prints slips for those without e-mail: no account
 * that reads results ever holds a code. The routes answer a delivery with
 * counts only, and every delivery, print and reprint goes to the audit log
 * with counts and staff numbers, never a code.
 */

/** A code as it leaves koe: for one person, with the link that carries it in the fragment. */
interface Issued {
  staffNo: string;
  unitCode: string;
  code: string;
  url: string;
}

/** Mails sent at once: the outbox is a folder, SES has a send rate. */
const MAIL_CONCURRENCY = 8;

/** The asked-for people of a list, or all; an unknown staff number is a 400 that names it. */
function choose<T extends { staffNo: string }>(all: T[], staffNos: string[] | undefined): T[] {
  if (!staffNos) return all;
  const byNo = new Map(all.map((x) => [x.staffNo, x]));
  const unknown = staffNos.filter((no) => !byNo.has(no));
  if (unknown.length) {
    throw new DomainError(
      'invalid',
      'unknown_staff',
      `no code for staff number(s) ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
    );
  }
  return [...new Set(staffNos)].map((no) => byNo.get(no)!);
}

/**
 * Sends mails to the people of the invitations it is given, as they are given (a few at a time),
 * counting those without e-mail; `done` waits for every mail asked for so far. Refuses at once
 * where no mail service is set up, before anything is written.
 */
function mailer<T extends Issued>(
  deps: AppDeps,
  readStaff: () => Promise<Map<string, StaffRow>>,
  compose: (i: T, person: StaffRow & { email: string }) => MailMessage,
) {
  const mail = deps.mail;
  if (!mail)
    throw new DomainError(
      'unavailable',
      'mail_unavailable',
      'e-mail is not set up here; print slips instead',
    );
  const staff = readStaff();
  // A failed read is thrown by `done`; until then it must not count as unhandled.
  staff.catch(() => {});
  const queue: Array<[T, StaffRow & { email: string }]> = [];
  let next = 0;
  let sent = 0;
  let failed = 0;
  let withoutEmail = 0;
  let sorting: Promise<unknown> = Promise.resolve();
  const running = new Set<Promise<void>>();
  const worker = async () => {
    while (next < queue.length) {
      const [i, person] = queue[next++]!;
      try {
        await mail.send(compose(i, person));
        sent++;
      } catch {
        failed++;
      }
    }
  };
  const pump = () => {
    while (running.size < MAIL_CONCURRENCY && next < queue.length) {
      const w = worker().finally(() => running.delete(w));
      running.add(w);
    }
  };
  return {
    add(issued: T[]) {
      sorting = sorting.then(async () => {
        const byNo = await staff;
        for (const i of issued) {
          const person = byNo.get(i.staffNo);
          if (person?.email) queue.push([i, person as StaffRow & { email: string }]);
          else withoutEmail++;
        }
        pump();
      });
      sorting.catch(() => {});
    },
    /** Every mail asked for so far, sent or failed (a staff read that failed is thrown here). */
    async done(): Promise<DeliveryResult & { failed: number }> {
      await sorting;
      while (running.size > 0) await Promise.all(running);
      return { sent, withoutEmail, failed };
    },
  };
}

async function sendAll<T extends Issued>(
  deps: AppDeps,
  issued: T[],
  staff: Map<string, StaffRow>,
  compose: (i: T, person: StaffRow & { email: string }) => MailMessage,
): Promise<DeliveryResult & { failed: number }> {
  const send = mailer(deps, async () => staff, compose);
  send.add(issued);
  return send.done();
}

function slipsOf(issued: Issued[], staff: Map<string, StaffRow>): CodeSlip[] {
  return issued.map((i) => ({
    staffNo: i.staffNo,
    name: staff.get(i.staffNo)?.name ?? '',
    unitCode: i.unitCode,
    code: i.code,
    url: i.url,
  }));
}

async function staffByNo(deps: AppDeps): Promise<Map<string, StaffRow>> {
  return new Map((await deps.store.directory.listStaff()).map((s) => [s.staffNo, s]));
}

/** Ends a delivery: audited first (also a partial one), then a 502 if some mails did not go out. */
async function finish(
  deps: AppDeps,
  actor: string,
  action: string,
  target: string,
  result: DeliveryResult & { failed: number },
  staffNos: string[] | undefined,
): Promise<DeliveryResult> {
  await recordAudit(deps, {
    actor,
    action,
    target,
    detail: {
      sent: result.sent,
      withoutEmail: result.withoutEmail,
      failed: result.failed,
      ...(staffNos ? { staffNos: staffNos.join(' ') } : {}),
    },
  });
  if (result.failed > 0) {
    throw new DomainError(
      'upstream',
      'mail_failed',
      `${result.failed} e-mail(s) could not be sent (${result.sent} sent); deliver again to retry`,
      { sent: result.sent, failed: result.failed, withoutEmail: result.withoutEmail },
    );
  }
  return { sent: result.sent, withoutEmail: result.withoutEmail };
}

/** E-mails each invited person (or the given ones again) their invitation. Counts only. */
export async function deliverInvitations(
  deps: AppDeps,
  actor: string,
  campaignId: string,
  staffNos?: string[],
): Promise<DeliveryResult> {
  const record = await getCampaignRecord(deps, campaignId);
  const compose = (i: Issued, person: StaffRow & { email: string }) =>
    invitationMail({
      to: person.email,
      name: person.name,
      title: record.title,
      closesAt: record.closesAt,
      code: i.code,
      url: i.url,
    });
  if (staffNos) {
    // A resend: every staff number is checked before anything is sent.
    const [invitations, staff] = await Promise.all([createInvitations(deps, campaignId), staffByNo(deps)]);
    const result = await sendAll(deps, choose(invitations, staffNos), staff, compose);
    return finish(deps, actor, 'invitations.delivered', campaignId, result, staffNos);
  }
  // Everyone: the mails go out beside the ledger's writing, each once its person's entry is stored
  // (issue 18: at 100,000 staff the ledger and the outbox one after the other were over 29 s).
  const send = mailer(deps, () => staffByNo(deps), compose);
  let invited: unknown;
  try {
    await createInvitations(deps, campaignId, undefined, { stored: (ready) => send.add(ready) });
  } catch (err) {
    invited = err ?? new Error('invitations failed');
  }
  const result = await send.done();
  if (invited === undefined)
    return finish(deps, actor, 'invitations.delivered', campaignId, result, staffNos);
  // Some were mailed before the ledger's writing failed: that delivery is audited, then the error told.
  if (result.sent + result.failed > 0)
    await recordAudit(deps, {
      actor,
      action: 'invitations.delivered',
      target: campaignId,
      detail: { sent: result.sent, withoutEmail: result.withoutEmail, failed: result.failed },
    });
  throw invited;
}

/**
 * Invitation slips to print: for everyone without an e-mail address, or (a
 * reprint) for the given staff numbers. Audited with the count and the staff
 * numbers reprinted.
 */
export async function invitationSlips(
  deps: AppDeps,
  actor: string,
  campaignId: string,
  staffNos?: string[],
): Promise<CodeSlip[]> {
  const [invitations, staff] = await Promise.all([createInvitations(deps, campaignId), staffByNo(deps)]);
  const chosen = staffNos
    ? choose(invitations, staffNos)
    : invitations.filter((i) => !staff.get(i.staffNo)?.email);
  await recordAudit(deps, {
    actor,
    action: staffNos ? 'invitations.slips_reprinted' : 'invitations.slips_printed',
    target: campaignId,
    detail: {
      count: chosen.length,
      ...(staffNos ? { staffNos: chosen.map((i) => i.staffNo).join(' ') } : {}),
    },
  });
  return slipsOf(chosen, staff);
}

/** Every invitation with its code (the custodian's full list): audited as such. */
export async function allInvitations(deps: AppDeps, actor: string, campaignId: string, unitCodes?: string[]) {
  const invitations = await createInvitations(deps, campaignId, unitCodes);
  await recordAudit(deps, {
    actor,
    action: 'invitations.listed',
    target: campaignId,
    detail: { count: invitations.length, ...(unitCodes ? { unitCodes: unitCodes.join(' ') } : {}) },
  });
  return invitations;
}

/**
 * Every invitation as CSV, for a mail merge outside koe: staff number, name,
 * e-mail, unit, code and link. Audited like the full list it is.
 */
export async function invitationsCsv(deps: AppDeps, actor: string, campaignId: string): Promise<string> {
  const [invitations, staff] = await Promise.all([allInvitations(deps, actor, campaignId), staffByNo(deps)]);
  const rows: CsvValue[][] = [['staffNo', 'name', 'email', 'unitCode', 'code', 'url']];
  for (const i of invitations) {
    const s = staff.get(i.staffNo);
    rows.push([i.staffNo, s?.name ?? '', s?.email ?? '', i.unitCode, i.code, i.url]);
  }
  return toCsv(rows);
}

/** E-mails each person on the roster (or the given ones again) their feedback code for the year. */
export async function deliverFeedbackCodes(
  deps: AppDeps,
  actor: string,
  fiscalYear: number,
  staffNos?: string[],
): Promise<DeliveryResult> {
  const [codes, staff] = await Promise.all([feedbackCodes(deps, fiscalYear), staffByNo(deps)]);
  const result = await sendAll(deps, choose(codes, staffNos), staff, (c, person) =>
    feedbackMail({ to: person.email, name: person.name, fiscalYear, code: c.code, url: c.url }),
  );
  return finish(deps, actor, 'feedback_codes.delivered', `FY${fiscalYear}`, result, staffNos);
}

/** Feedback-code slips: for everyone without e-mail, or (a reprint) for the given staff numbers. */
export async function feedbackSlips(
  deps: AppDeps,
  actor: string,
  fiscalYear: number,
  staffNos?: string[],
): Promise<CodeSlip[]> {
  const [codes, staff] = await Promise.all([feedbackCodes(deps, fiscalYear), staffByNo(deps)]);
  const chosen = staffNos ? choose(codes, staffNos) : codes.filter((c) => !staff.get(c.staffNo)?.email);
  await recordAudit(deps, {
    actor,
    action: staffNos ? 'feedback_codes.slips_reprinted' : 'feedback_codes.slips_printed',
    target: `FY${fiscalYear}`,
    detail: {
      count: chosen.length,
      ...(staffNos ? { staffNos: chosen.map((c) => c.staffNo).join(' ') } : {}),
    },
  });
  return slipsOf(chosen, staff);
}

/** Every feedback code of the year (the custodian's full list): audited as such. */
export async function allFeedbackCodes(deps: AppDeps, actor: string, fiscalYear: number) {
  const codes = await feedbackCodes(deps, fiscalYear);
  await recordAudit(deps, {
    actor,
    action: 'feedback_codes.listed',
    target: `FY${fiscalYear}`,
    detail: { count: codes.length },
  });
  return codes;
}
