import { describe, expect, it } from 'vitest';
import { groupCode, isCode, normaliseCode } from '../../../shared/text/invitation-code';
import { formatInvitationCode, normaliseInvitationCode } from '../../../functions/crypto/invitation-code';

const CODE = 'ABCDEFGH0123456789JKMNPQRS';

describe('the one copy of the code rules', () => {
  it('folds what IMEs and paper produce into the canonical code', () => {
    for (const typed of [
      'abcd-efgh-01234-5678-9jkm-npqrs',
      'ＡＢＣＤ－ＥＦＧＨ－０１２３４ー５６７８ｰ９ＪＫＭ−ＮＰＱＲＳ',
      'ABCD EFGH O1234 5678 9JKM NPQRS',
      'ABCD—EFGH–01234‐5678‑9JKM―NPQRS',
    ]) {
      expect(normaliseCode(typed)).toBe(CODE);
      expect(isCode(normaliseCode(typed))).toBe(true);
    }
    expect(normaliseCode('il')).toBe('11');
    expect(isCode(normaliseCode('ABCU'))).toBe(false);
  });

  it('groups 4-4-5-4-4-5, also a code typed half-way', () => {
    expect(groupCode(CODE)).toBe('ABCD-EFGH-01234-5678-9JKM-NPQRS');
    expect(groupCode('ABCDEF')).toBe('ABCD-EF');
  });

  it('the server folds exactly as the pages do (a 〜 or ー typed on a phone is accepted by both)', () => {
    const typed = 'abcd〜efgh〜01234ー5678ー9jkm−npqrs';
    expect(normaliseCode(typed)).toBe(CODE);
    expect(normaliseInvitationCode(typed)).toBe(CODE);
    expect(formatInvitationCode(CODE)).toBe(groupCode(CODE));
    expect(() => normaliseInvitationCode('ABCD')).toThrow();
  });
});
