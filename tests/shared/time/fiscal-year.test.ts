import { describe, expect, it } from 'vitest';
import {
  fiscalYearBounds,
  fiscalYearLabel,
  fiscalYearOf,
  fyLabel,
  jstDay,
  warekiLabel,
  warekiShort,
} from '../../../shared/time/fiscal-year';

describe('fiscal year', () => {
  it('starts in April, Japan time', () => {
    expect(fiscalYearOf('2026-04-01T00:00:00+09:00')).toBe(2026);
    // 2026-03-31 23:59 JST is still FY2025, though UTC already says 14:59 on the 31st.
    expect(fiscalYearOf('2026-03-31T23:59:59+09:00')).toBe(2025);
    // 2026-03-31T15:00Z is 2026-04-01 00:00 JST: FY2026.
    expect(fiscalYearOf('2026-03-31T15:00:00Z')).toBe(2026);
    expect(fiscalYearOf(new Date('2027-01-15T12:00:00Z'))).toBe(2026);
  });

  it('rejects an invalid date', () => {
    expect(() => fiscalYearOf('not a date')).toThrow(RangeError);
  });

  it('gives the bounds of a year', () => {
    expect(fiscalYearBounds(2026)).toEqual({
      start: '2026-03-31T15:00:00.000Z',
      end: '2027-03-31T14:59:59.999Z',
    });
    const { start, end } = fiscalYearBounds(2023);
    expect(fiscalYearOf(start)).toBe(2023);
    expect(fiscalYearOf(end)).toBe(2023);
    expect(fiscalYearOf(new Date(new Date(end).getTime() + 1))).toBe(2024);
  });

  it('labels in both calendars', () => {
    expect(fyLabel(2026)).toBe('FY2026');
    expect(warekiLabel(2026)).toBe('令和8年度');
    expect(warekiLabel(2023)).toBe('令和5年度');
    expect(warekiLabel(2019)).toBe('令和元年度');
    expect(warekiLabel(2018)).toBe('平成30年度');
    expect(warekiShort(2027)).toBe('R9');
    expect(fiscalYearLabel(2026)).toBe('令和8年度（FY2026）');
    expect(fiscalYearLabel(2026, 'en')).toBe('FY2026 (令和8年度)');
    expect(() => warekiLabel(1980)).toThrow(RangeError);
  });

  it('keeps only the day, in Japan time', () => {
    expect(jstDay(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(jstDay(new Date('2026-11-24T14:59:59Z'))).toBe('2026-11-24');
  });
});
