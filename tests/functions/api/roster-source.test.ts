import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openRoster, RosterReadError, type RosterRow } from '../../../functions/services/roster-source';
import { xlsxRows } from '../../../functions/services/roster-xlsx';
import { parseCsv } from '../../../shared/text/csv';
import { xlsxRoster } from '../../support/roster-files';

/**
 * The streaming roster reader (issue 16): however the bytes are cut into
 * chunks, it reads the same rows as the one-string parser, and tells UTF-8
 * (with or without BOM) from Shift_JIS.
 */

async function* pieces(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut > at && cut < bytes.length) {
      yield bytes.subarray(at, cut);
      at = cut;
    }
  }
  yield bytes.subarray(at);
}

async function readAll(bytes: Uint8Array, cuts: number[] = []) {
  const source = await openRoster(pieces(bytes, cuts), xlsxRows);
  const rows: RosterRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { rows, encoding: source.encoding(), format: source.format };
}

const cell = fc.oneof(
  fc.constantFrom('', '主事', '会計年度任用', 'a,b', 'say "hi"', 'line\nbreak', '髙橋 﨑', 'ｶﾀｶﾅ', 'x\r\ny'),
  fc.string({ maxLength: 6 }),
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
const csvOf = (rows: string[][], eol: string) =>
  rows
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join(eol) + eol;

describe('streamed CSV', () => {
  it('reads the same rows as parseCsv, however the UTF-8 bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.boolean(),
        fc.array(fc.nat(400), { maxLength: 8 }),
        async (rows, crlf, cuts) => {
          const text = csvOf(rows, crlf ? '\r\n' : '\n');
          const { rows: streamed } = await readAll(Buffer.from(text, 'utf8'), cuts);
          expect(streamed).toEqual(parseCsv(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells Shift_JIS from UTF-8 and UTF-8 with a BOM, with characters cut across chunks', async () => {
    const text = '職員番号,氏名,職位\r\nA1,会津 太郎,係長\r\n';
    const sjis = iconv.encode(text, 'Shift_JIS');
    const everyByte = Array.from({ length: sjis.length }, (_, i) => i);
    const a = await readAll(sjis, everyByte);
    expect(a.encoding).toBe('shift_jis');
    expect(a.rows).toEqual(parseCsv(text));
    const b = await readAll(Buffer.from(`\uFEFF${text}`, 'utf8'), [1, 2, 5]);
    expect(b.encoding).toBe('utf-8-bom');
    expect(b.rows[0]!.cells[0]).toBe('職員番号');
    const c = await readAll(Buffer.from(text, 'utf8'), [7]);
    expect(c.encoding).toBe('utf-8');
    expect(c.rows).toEqual(a.rows);
    // ASCII only: no decision needed; reads the same.
    expect((await readAll(Buffer.from('staffNo\nA1\n'))).rows).toEqual([
      { line: 1, cells: ['staffNo'] },
      { line: 2, cells: ['A1'] },
    ]);
  });

  it('refuses a file that turns out not to be UTF-8 after a UTF-8 start, and an unclosed quote', async () => {
    const start = Buffer.from(`職員番号\n${'x'.repeat(5000)}\n`, 'utf8');
    const bad = Buffer.concat([start, Buffer.from([0x93, 0xfa, 0x0a])]);
    await expect(readAll(bad)).rejects.toThrow(RosterReadError);
    await expect(readAll(Buffer.from('a,"b\n1,2\n'))).rejects.toThrow(/引用符（"）が閉じられていません/);
  });
});

describe('streamed xlsx', () => {
  it('reads the first worksheet as rows, and is refused where no reader is given', async () => {
    const bytes = await xlsxRoster([['A1', '会津 太郎', '', 'HQ', '主事', '正規']]);
    const { rows, format } = await readAll(bytes, [100, 1000]);
    expect(format).toBe('xlsx');
    expect(rows).toEqual([
      { line: 1, cells: ['職員番号', '氏名', 'メールアドレス', '所属', '役職', '雇用形態'] },
      { line: 2, cells: ['A1', '会津 太郎', '', 'HQ', '主事', '正規'] },
    ]);
    await expect(openRoster(pieces(bytes, []))).rejects.toThrow(/\.xlsx is not read on this deployment/);
  });
});
