import { deadlineLabel } from '../../shared/time/deadline';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';
import type { MailMessage } from './message';

/** Japanese first, English after: the e-mails koe sends with a code. */

/** Deadlines as people read them (shared/time/deadline.ts), with the year: a mail is kept. */
const deadline = (iso: string, lang: 'ja' | 'en') => deadlineLabel(iso, lang, { year: true });

export interface InvitationMail {
  to: string;
  name: string;
  title: { ja: string; en?: string | undefined };
  closesAt: string;
  code: string;
  url: string;
}

export function invitationMail(m: InvitationMail): MailMessage {
  return {
    to: m.to,
    subject: `【職員アンケート】${m.title.ja}へのご協力のお願い / Staff survey invitation`,
    text: [
      `${m.name} 様`,
      '',
      `「${m.title.ja}」へのご協力をお願いします。`,
      `回答期限: ${deadline(m.closesAt, 'ja')}（日本時間）`,
      '',
      '次のリンクを開くと回答を始められます（あなた専用のリンクです）。',
      m.url,
      '',
      `招待コード: ${m.code}`,
      'リンクが開けないときは、回答ページでこのコードを入力してください。',
      '',
      '・回答は誰のものか分からない形で保存されます。コードは回答用の匿名の鍵を受け取るためだけに使われ、回答には結び付けられません。',
      '・このメールはシステムが自動で送信しています。リンクとコードを他の人に渡さないでください。',
      '',
      '----',
      '',
      `Dear ${m.name},`,
      '',
      `Please take part in "${m.title.en ?? m.title.ja}". You can answer ${deadline(m.closesAt, 'en')} (Japan time).`,
      'Open this link to answer (it is yours alone):',
      m.url,
      '',
      `Invitation code: ${m.code} (type it on the answer page if the link does not open).`,
      'Answers are stored so that nobody can tell whose they are: the code only obtains an anonymous key and is never linked to your answers.',
      'This e-mail was sent by the system. Do not pass the link or the code on.',
      '',
    ].join('\n'),
  };
}

/**
 * A reminder to someone whose invitation is still unused: the same link and
 * code again, the deadline, and that whoever has already answered may ignore
 * it (the system cannot say who answered, only who has not sent answers yet).
 */
export function reminderMail(m: InvitationMail): MailMessage {
  return {
    to: m.to,
    subject: `【職員アンケート】${m.title.ja}（回答期限のお知らせ） / Reminder: staff survey`,
    text: [
      `${m.name} 様`,
      '',
      `「${m.title.ja}」への回答がまだお済みでない方にお送りしています。`,
      `回答期限: ${deadline(m.closesAt, 'ja')}（日本時間）`,
      '',
      '次のリンクを開くと回答を始められます（あなた専用のリンクです）。',
      m.url,
      '',
      `招待コード: ${m.code}`,
      'リンクが開けないときは、回答ページでこのコードを入力してください。',
      '',
      '・すでに回答された方は、このメールは破棄してください。行き違いでお送りすることがあります。',
      '・この調査は匿名です。回答は誰のものか分からない形で保存され、コードは回答には結び付けられません。',
      '・このメールはシステムが自動で送信しています。リンクとコードを他の人に渡さないでください。',
      '',
      '----',
      '',
      `Dear ${m.name},`,
      '',
      `This is a reminder for "${m.title.en ?? m.title.ja}". You can answer ${deadline(m.closesAt, 'en')} (Japan time).`,
      'Open this link to answer (it is yours alone):',
      m.url,
      '',
      `Invitation code: ${m.code} (type it on the answer page if the link does not open).`,
      'If you have already answered, please ignore this e-mail: it may have crossed with your answers.',
      'The survey is anonymous: answers are stored so that nobody can tell whose they are, and the code is never linked to them.',
      'This e-mail was sent by the system. Do not pass the link or the code on.',
      '',
    ].join('\n'),
  };
}

export interface FeedbackMail {
  to: string;
  name: string;
  fiscalYear: number;
  code: string;
  url: string;
}

export function feedbackMail(m: FeedbackMail): MailMessage {
  const ja = fiscalYearLabel(m.fiscalYear, 'ja');
  const en = fiscalYearLabel(m.fiscalYear, 'en');
  return {
    to: m.to,
    subject: `【職員の声】${ja}の提案・意見コード / Your feedback code for ${en}`,
    text: [
      `${m.name} 様`,
      '',
      `${ja}の「職員の声」（提案・意見・質問）のコードをお送りします。`,
      '次のリンクを開くと、誰が書いたか分からない形で投稿できます（あなた専用のリンクです）。',
      m.url,
      '',
      `コード: ${m.code}`,
      'リンクが開けないときは、投稿ページでこのコードを入力してください。',
      '',
      '・投稿は誰のものか分からない形で保存されます。コードは匿名の投稿券を受け取るためだけに使われます。',
      '・このメールはシステムが自動で送信しています。リンクとコードを他の人に渡さないでください。',
      '',
      '----',
      '',
      `Dear ${m.name},`,
      '',
      `Here is your code for staff feedback (proposals, concerns, questions) in ${en}.`,
      'Open this link to post without saying who you are (it is yours alone):',
      m.url,
      '',
      `Code: ${m.code} (type it on the feedback page if the link does not open).`,
      'This e-mail was sent by the system. Do not pass the link or the code on.',
      '',
    ].join('\n'),
  };
}
