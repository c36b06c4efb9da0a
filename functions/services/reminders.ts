import { randomInt } from 'node:crypto';
import type { StaffRow } from '../../shared/api/organisation';
import type { ReminderResult } from '../../shared/api/delivery';
import { JST_OFFSET_MS, jstDay } from '../../shared/time/fiscal-year';
import { formatInvitationCode, invitationCode } from '../crypto';
import type { AppDeps } from '../deps';
import type { MailMessage } from '../mail/message';
import { reminderMail } from '../mail/texts';
import { recordAudit } from './audit';
import { getCampaignRecord } from './campaigns';
import { DomainError } from './errors';
import { campaignSecret, invitationUrl } from './invitations';

/**
 * Reminders (issue 19): one e-mail to each invited person whose invitation is
 * still unused (ledger `state: invited`), with their own link and code again.
 *
 * The custodian learning *who has not answered* would undo part of A2, so
 * the route answers with counts only, the audit log holds counts only, and
 * the mails go out in a random order (the outbox also names its files at
 * random). The mail system necessarily knows whom it reminded: the residual
 * in docs/SECURITY.md. At most one run per campaign per Japan-time day, so
 * staff are not spammed.
 */

/** Mails sent at once, as for invitations: the outbox is a folder, SES has a send rate. */
const MAIL_CONCURRENCY = 8;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Seconds from `now` to the next midnight in Japan: when the next reminder run may start. */
function secondsToNextJstDay(now: Date): number {
  const jst = now.getTime() + JST_OFFSET_MS;
  return Math.max(1, Math.ceil((DAY_MS - (jst % DAY_MS)) / 1000));
}

/** Fisher–Yates with a cryptographic source: the send order says nothing about staff numbers. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Reminds everyone of an open campaign who has not sent answers yet. Counts only; audited. */
export async function sendReminders(
  deps: AppDeps,
  actor: string,
  campaignId: string,
): Promise<ReminderResult> {
  const record = await getCampaignRecord(deps, campaignId);
  if (record.status !== 'open') {
    throw new DomainError(
      'conflict',
      'campaign_not_open',
      'reminders are sent only while the survey is open (リマインドは実施中の調査にのみ送れます)',
    );
  }
  const now = deps.now?.() ?? new Date();
  if (Date.parse(record.closesAt) <= now.getTime()) {
    throw new DomainError(
      'conflict',
      'deadline_passed',
      'the deadline has passed; no reminder is sent (回答期限を過ぎているため送れません)',
    );
  }
  const mail = deps.mail;
  if (!mail) {
    throw new DomainError('unavailable', 'mail_unavailable', 'e-mail is not set up here; reminders need it');
  }
  // Claimed before anything is sent: of two runs at once, one sends and the other is refused.
  if (!(await deps.store.campaigns.claimReminderDay(campaignId, jstDay(now)))) {
    throw new DomainError(
      'throttled',
      'reminders_already_sent_today',
      'reminders for this survey were already sent today; the next run is possible tomorrow (Japan time) (本日はすでにリマインドを送信しました。明日以降に送れます)',
      undefined,
      secondsToNextJstDay(now),
    );
  }

  const [ledger, roster, secret] = await Promise.all([
    deps.store.directory.listLedger(campaignId),
    deps.store.directory.listStaff(),
    campaignSecret(deps, record),
  ]);
  const staff = new Map<string, StaffRow>(roster.map((s) => [s.staffNo, s]));
  const messages: MailMessage[] = [];
  let skippedNoEmail = 0;
  for (const entry of ledger) {
    if (entry.state !== 'invited') continue;
    const person = staff.get(entry.staffNo);
    if (!person?.email) {
      skippedNoEmail++;
      continue;
    }
    const code = invitationCode(secret, entry.staffNo);
    messages.push(
      reminderMail({
        to: person.email,
        name: person.name,
        title: record.title,
        closesAt: record.closesAt,
        code: formatInvitationCode(code),
        url: invitationUrl(deps.config.publicBaseUrl, campaignId, code),
      }),
    );
  }
  shuffle(messages);

  let sent = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const message = messages[next++]!;
      try {
        await mail.send(message);
        sent++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAIL_CONCURRENCY, messages.length) }, worker));

  // Counts only: never a staff number, a name or an address (A2).
  await recordAudit(deps, {
    actor,
    action: 'reminders.sent',
    target: campaignId,
    detail: { sent, skippedNoEmail, failed },
  });
  if (failed > 0) {
    throw new DomainError(
      'upstream',
      'mail_failed',
      `${failed} reminder(s) could not be sent (${sent} sent); today's run is used, so try again tomorrow`,
      { sent, failed, skippedNoEmail },
    );
  }
  return { sent, skippedNoEmail };
}
