import { randomBytes } from 'node:crypto';

/** One plain-text e-mail. The text may be Japanese; it goes out as UTF-8. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where koe's e-mails go (DESIGN §3, A5: the system, not a person, delivers
 * codes). Locally an outbox folder of `.eml` files; on AWS, SES.
 */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

const CRLF = '\r\n';
/** An address we write into a header: one plain addr-spec, nothing that could start another header. */
const ADDRESS = /^[^\s<>()",;:\\@]+@[^\s<>()",;:\\@]+$/;

/** RFC 2047 encoded-words (B, UTF-8) of at most 75 characters each, split between characters. */
export function encodeHeaderWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && !text.includes('=?')) return text;
  const words: string[] = [];
  let chunk = '';
  // 75 − "=?UTF-8?B?" − "?=" leaves 63 base64 characters: 45 bytes.
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** RFC 5322 date, e.g. `Thu, 03 Dec 2026 16:00:00 +0000`. */
function mailDate(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * The message as an RFC 5322 / MIME file: UTF-8 text sent as 8bit (readable
 * as it is, in a text editor or any mail client), CRLF line ends, encoded subject.
 */
export function renderEml(message: MailMessage, from: string, at: Date = new Date()): string {
  if (!ADDRESS.test(message.to)) throw new Error('not a plain e-mail address');
  const domain = from.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  const body = message.text.replace(/\r\n|\r|\n/g, CRLF);
  if (body.split(CRLF).some((line) => Buffer.byteLength(line) > 998)) {
    throw new Error('a line of the e-mail is longer than RFC 5322 allows');
  }
  return [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeaderWords(message.subject)}`,
    `Date: ${mailDate(at)}`,
    `Message-ID: <${randomBytes(16).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body.endsWith(CRLF) ? body : `${body}${CRLF}`,
  ].join(CRLF);
}
