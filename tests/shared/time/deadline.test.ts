import { describe, expect, it } from 'vitest';
import { deadlineDay, deadlineInDays, deadlineLabel, endOfJstDay } from '../../../shared/time/deadline';

/** Deadlines as people read them, in Japan time, whatever the machine's zone. */

describe('deadlineLabel', () => {
  it('writes the last minute answers are taken, with the weekday, in Japan time', () => {
    // 2026-10-31 23:59:59 JST is 14:59:59 UTC the same day; 31 Oct 2026 is a Saturday.
    expect(deadlineLabel('2026-10-31T14:59:59.000Z', 'ja')).toBe('10月31日（土）23:59まで');
    expect(deadlineLabel('2026-10-31T14:59:59.000Z', 'en')).toBe('until Sat 31 Oct, 23:59');
    expect(deadlineLabel('2026-10-31T14:59:59.000Z', 'ja', { year: true })).toBe(
      '2026年10月31日（土）23:59まで',
    );
    expect(deadlineLabel('2026-10-31T14:59:59.000Z', 'en', { year: true })).toBe(
      'until Sat 31 Oct 2026, 23:59',
    );
  });

  it('reads the UTC date as Japan time: 20:00 UTC is already the next morning', () => {
    expect(deadlineLabel('2025-10-30T20:00:00Z', 'ja')).toBe('10月31日（金）5:00まで');
    expect(deadlineLabel('2025-10-30T08:00:00Z', 'en')).toBe('until Thu 30 Oct, 17:00');
  });

  it('shows a midnight deadline as 23:59 of the day before, the last day one can answer', () => {
    // 2026-11-01 00:00 JST.
    expect(deadlineLabel('2026-10-31T15:00:00.000Z', 'ja')).toBe('10月31日（土）23:59まで');
    expect(deadlineLabel('2026-10-31T15:00:00.000Z', 'en')).toBe('until Sat 31 Oct, 23:59');
    // One second later is not midnight any more.
    expect(deadlineLabel('2026-10-31T15:01:00.000Z', 'ja')).toBe('11月1日（日）0:01まで');
  });

  it('refuses what is not a date', () => {
    expect(() => deadlineLabel('not a date', 'ja')).toThrow(RangeError);
  });
});

describe('a day picked as a deadline', () => {
  it('means the end of that day in Japan time', () => {
    expect(endOfJstDay('2026-10-31')).toBe('2026-10-31T14:59:59.000Z');
    expect(endOfJstDay('2027-01-01')).toBe('2027-01-01T14:59:59.000Z');
    expect(deadlineDay(endOfJstDay('2026-10-31'))).toBe('2026-10-31');
    // A legacy midnight deadline belongs to the day before.
    expect(deadlineDay('2026-10-31T15:00:00.000Z')).toBe('2026-10-31');
  });

  it('refuses days that do not exist', () => {
    expect(() => endOfJstDay('2026-02-30')).toThrow(RangeError);
    expect(() => endOfJstDay('2026-10-31T00:00')).toThrow(RangeError);
  });

  it('counts days ahead from the Japan-time day of now', () => {
    // 2026-12-03 23:30 UTC is already 4 December in Japan.
    expect(deadlineInDays(new Date('2026-12-03T23:30:00Z'), 21)).toBe('2026-12-25T14:59:59.000Z');
    expect(deadlineInDays(new Date('2026-12-03T12:00:00Z'), 21)).toBe('2026-12-24T14:59:59.000Z');
  });
});
