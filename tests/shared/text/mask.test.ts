import { describe, expect, it } from 'vitest';
import { MASK, maskPersonalData } from '../../../shared/text/mask';

describe('maskPersonalData', () => {
  it.each([
    ['連絡は taro.yamada@city.example.jp まで', `連絡は ${MASK.email} まで`],
    ['ＴＥＬ ０２４２－３９－１２１３ です', `TEL ${MASK.phone} です`],
    ['携帯 090-1234-5678', `携帯 ${MASK.phone}`],
    ['電話 09012345678', `電話 ${MASK.phone}`],
    ['+81-90-1234-5678 に', `${MASK.phone} に`],
    ['職員番号 123456 の件', `職員番号 ${MASK.staffNo} の件`],
    ['A12345 さん', `${MASK.staffNo} さん`],
  ])('masks %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('leaves ordinary text, years and small numbers alone', () => {
    const text = '2025年度は残業が月20時間を超えた。3月が特に忙しい。';
    expect(maskPersonalData(text)).toBe(text);
  });
});
