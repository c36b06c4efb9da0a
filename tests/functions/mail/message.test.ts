import { describe, expect, it } from 'vitest';
import { encodeHeaderWords, renderEml } from '../../../functions/mail/message';
import { invitationMail } from '../../../functions/mail/texts';

const decode = (header: string) =>
  [...header.matchAll(/=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=/g)]
    .map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))
    .join('');

describe('e-mail as RFC 5322 / MIME', () => {
  it('encodes a Japanese subject as encoded-words of at most 75 characters, split between characters', () => {
    const subject = '【職員アンケート】令和8年度 職員意識調査へのご協力のお願い🙂 / Staff survey';
    const encoded = encodeHeaderWords(subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      // Each word decodes on its own: no character is cut in two.
      expect(Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(decode(encoded)).toBe(subject);
    expect(encodeHeaderWords('plain ASCII')).toBe('plain ASCII');
  });

  it('writes headers, a blank line and the UTF-8 body with CRLF line ends', () => {
    const eml = renderEml(
      { to: 'a@example.jp', subject: '件名', text: '一行目\n二行目' },
      'koe <koe@localhost>',
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(eml).toMatch(
      /^From: koe <koe@localhost>\r\nTo: a@example\.jp\r\nSubject: =\?UTF-8\?B\?5Lu25ZCN\?=\r\nDate: Mon, 01 Jun 2026 00:00:00 \+0000\r\nMessage-ID: <[0-9a-f]{32}@localhost>\r\nMIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n一行目\r\n二行目\r\n$/,
    );
  });

  it('refuses an address that could add a header, and a line longer than 998 bytes', () => {
    for (const to of ['a@example.jp\r\nBcc: x@example.jp', 'A <a@example.jp>', 'no-at-sign', 'a@b@c']) {
      expect(() => renderEml({ to, subject: 's', text: 't' }, 'koe@localhost')).toThrow();
    }
    expect(() =>
      renderEml({ to: 'a@example.jp', subject: 's', text: 'あ'.repeat(400) }, 'koe@localhost'),
    ).toThrow(/longer/);
  });
});

describe('the invitation mail', () => {
  it('writes the deadline as people read it, in Japan time, in both languages', () => {
    const mail = invitationMail({
      to: 'a@example.jp',
      name: '会津 花子',
      title: { ja: '令和7年度 職員意識調査', en: 'Staff survey FY2025' },
      closesAt: '2025-10-31T14:59:59.000Z',
      code: 'ABCD-EFGH',
      url: 'https://koe.example.jp/answer/#c=x',
    });
    expect(mail.text).toContain('回答期限: 2025年10月31日（金）23:59まで（日本時間）');
    expect(mail.text).toContain('You can answer until Fri 31 Oct 2025, 23:59 (Japan time).');
  });
});
