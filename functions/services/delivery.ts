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

async function sendAll(
  deps: AppDeps,
  issued: Issued[],
  staff: Map<string, StaffRow>,
  compose: (i: Issued, person: StaffRow & { email: string }) => MailMessage,
): Promise<DeliveryResult & { failed: number }> {
  const mail = deps.mail;
  if (!mail)
    throw new DomainError(
      'unavailable',
      'mail_unavailable',
      'e-mail is not set up here; print slips instead',
    );
  const withEmail: Array<[Issued, StaffRow & { email: string }]> = [];
  let withoutEmail = 0;
  for (const i of issued) {
    const person = staff.get(i.staffNo);
    if (person?.email) withEmail.push([i, person as StaffRow & { email: string }]);
    else withoutEmail++;
  }
  let sent = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < withEmail.length) {
      const [i, person] = withEmail[next++]!;
      try {
        await mail.send(compose(i, person));
        sent++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAIL_CONCURRENCY, withEmail.length) }, worker));
  return { sent, withoutEmail, failed };
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
  const [invitations, staff] = await Promise.all([createInvitations(deps, campaignId), staffByNo(deps)]);
  const result = await sendAll(deps, choose(invitations, staffNos), staff, (i, person) =>
    invitationMail({
      to: person.email,
      name: person.name,
      title: record.title,
      closesAt: record.closesAt,
      code: i.code,
      url: i.url,
    }),
  );
  return finish(deps, actor, 'invitations.delivered', campaignId, result, staffNos);
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
