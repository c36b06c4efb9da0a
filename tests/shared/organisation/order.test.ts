import { describe, expect, it } from 'vitest';
import { compareUnits, unitRank, unitTreeOrder } from '../../../shared/organisation/order';

const u = (code: string, parentCode: string | null, order?: number) => ({
  code,
  parentCode,
  ...(order !== undefined ? { order } : {}),
});

describe('unit display order', () => {
  it('sorts siblings by order, units without one last, then by code', () => {
    const list = [u('B', null), u('A', null), u('D', null, 2), u('C', null, 1), u('E', null, 1)];
    expect([...list].sort(compareUnits).map((x) => x.code)).toEqual(['C', 'E', 'D', 'A', 'B']);
    // null (a stored order cleared) counts as none.
    expect(compareUnits({ code: 'A', order: null }, { code: 'B', order: 5 })).toBeGreaterThan(0);
  });

  it('walks the tree parent first, siblings in order, with depths; orphans count as top units', () => {
    const units = [
      u('CIV', null, 2),
      u('CIV-A', 'CIV'),
      u('CIV-B', 'CIV', 1),
      u('GEN', null, 1),
      u('GEN-HR', 'GEN'),
      u('LOST', 'GONE'),
    ];
    expect(unitTreeOrder(units).map(({ unit, depth }) => `${unit.code}:${depth}`)).toEqual([
      'GEN:0',
      'GEN-HR:1',
      'CIV:0',
      'CIV-B:1',
      'CIV-A:1',
      'LOST:0',
    ]);
    expect(unitRank(units).get('CIV-A')).toBe(4);
  });

  it('keeps older snapshots (no order anywhere) in code order', () => {
    const units = [u('B', null), u('A', null), u('A-2', 'A'), u('A-1', 'A')];
    expect(unitTreeOrder(units).map(({ unit }) => unit.code)).toEqual(['A', 'A-1', 'A-2', 'B']);
  });
});
