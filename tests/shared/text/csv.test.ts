import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../../../shared/text/csv';

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3.5)).toBe('-3.5');
  });

  it('writes nothing for null, undefined and numbers that are not finite', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
  });

  it('guards text a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+81 3')).toBe("'+81 3");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    // Guarded first, then quoted: the apostrophe sits inside the quotes.
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Only a leading character counts.
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('user+tag@example.jp')).toBe('user+tag@example.jp');
  });

  it('keeps Japanese text byte for byte', () => {
    expect(csvField('会津若松市 人事課')).toBe('会津若松市 人事課');
    expect(csvField('職員、係長')).toBe('職員、係長');
    expect(csvField('「はい」,いいえ')).toBe('"「はい」,いいえ"');
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('\uFEFFa,b\r\n1,\r\n');
  });

  it('reads back through parseCsv to the same cells (after the BOM and the guard)', () => {
    const rows = [
      ['staffNo', 'name', 'note'],
      ['A1', '山田 太郎', 'line one\nline two'],
      ['A2', '佐藤, 花子', '"quoted"'],
      ['A3', '=cmd', ''],
    ];
    const parsed = parseCsv(toCsv(rows).slice(1)).map((r) => r.cells);
    expect(parsed).toEqual([
      ['staffNo', 'name', 'note'],
      ['A1', '山田 太郎', 'line one\nline two'],
      ['A2', '佐藤, 花子', '"quoted"'],
      ['A3', "'=cmd", ''],
    ]);
  });
});

describe('parseCsv', () => {
  it('says where a quoted field is left open, in Japanese first and English', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n')).toThrow(
      '2行目: 引用符（"）が閉じられていません / line 2: a quoted field is not closed',
    );
  });
});
