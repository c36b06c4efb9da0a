/**
 * Reads the plan's own text and checks every encoded row against it, cell by
 * cell. The table lines are parsed here independently of the loader.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aizuwakamatsuPlan as plan } from '../../../shared/plan/data/aizuwakamatsu';
import { initiativesByPillar, KIND_LABELS, type PillarId, STATUS_LABELS } from '../../../shared/plan';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const SEED_NAME = 'aizuwakamatsu-hr-development-plan-r5-r9.txt';
/** The city's plan text as the city gave it, byte for byte (its SHA-256 is pinned below). */
const seedFile = path.resolve(here, 'fixtures', SEED_NAME);
const SEED_SHA256 = 'a6952b8a84e4a4a9e789b96ee0f89ee6c21ed12f5ed820b61e522f2299bf3c8c';

const KIND_WORDS = ['新規', '継続'];
const MARKER = /(（再掲）|【再掲】)$/;

interface SeedRow {
  pillarId: PillarId;
  line: number;
  cells: string[];
  repaired: boolean;
}

/** The table rows under 「5 取組内容」, by pillar heading, with the one shifted line put back in place. */
function seedTables(): SeedRow[] {
  const lines = readFileSync(seedFile, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === '5 取組内容');
  expect(start).toBeGreaterThan(0);
  const pillarByHeading = new Map(plan.pillars.map((p) => [`【${p.name.ja}】`, p.id]));
  const rows: SeedRow[] = [];
  let pillar: PillarId | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('【')) {
      pillar = pillarByHeading.get(line.trim());
      expect(pillar, `unknown table heading ${line}`).toBeDefined();
      continue;
    }
    if (!line.includes('\t') || line.startsWith('中項目')) continue;
    let cells = line.split('\t');
    let repaired = false;
    // A line whose 区分 sits in the third cell lost its leading empty 中項目 cell.
    if (KIND_WORDS.includes(cells[2]!) && !KIND_WORDS.includes(cells[3]!)) {
      expect(cells.at(-1)).toBe('');
      cells = ['', ...cells.slice(0, -1)];
      repaired = true;
    }
    expect(cells, `line ${i + 1}`).toHaveLength(9);
    rows.push({ pillarId: pillar!, line: i + 1, cells, repaired });
  }
  return rows;
}

describe('the seed copy kept with the tests', () => {
  it("is the city's text, byte for byte", () => {
    const copy = readFileSync(seedFile);
    expect(copy.toString('utf8')).toContain('5 取組内容');
    expect(createHash('sha256').update(copy).digest('hex')).toBe(SEED_SHA256);
  });
});

describe('the encoded plan matches the plan text', () => {
  const seed = seedTables();

  it('finds the same 73 table rows, 19/16/21/17 by pillar', () => {
    expect(seed).toHaveLength(73);
    const count = (p: PillarId) => seed.filter((r) => r.pillarId === p).length;
    expect([count('personnel'), count('training'), count('culture'), count('environment')]).toEqual([
      19, 16, 21, 17,
    ]);
    expect(seed.filter((r) => r.cells[3] === '新規')).toHaveLength(17);
  });

  it('has exactly one shifted line in the text, and it is cul-06', () => {
    const shifted = seed.filter((r) => r.repaired);
    expect(shifted).toHaveLength(1);
    const culture = seed.filter((r) => r.pillarId === 'culture');
    expect(culture.indexOf(shifted[0]!)).toBe(5);
    expect(shifted[0]!.cells[2]).toBe('市民、民間企業等との協働によるセミナー等の検討');
  });

  it('agrees on every row’s 中項目, 小項目, title, 区分, 再掲 link and status cells', () => {
    const pillars: PillarId[] = ['personnel', 'training', 'culture', 'environment'];
    let checked = 0;
    for (const pillar of pillars) {
      const rows = initiativesByPillar(plan, pillar);
      const seedRows = seed.filter((r) => r.pillarId === pillar);
      expect(rows).toHaveLength(seedRows.length);
      let middle = '';
      let small = '';
      seedRows.forEach(({ cells, line }, i) => {
        const row = rows[i]!;
        const where = `${row.id} (seed line ${line})`;
        const [m, s, title, kind, ...years] = cells as [string, string, string, string, ...string[]];
        if (m !== '') middle = m;
        if (s !== '') small = s;
        expect(row.middle.ja, where).toBe(middle);
        expect(row.small.ja, where).toBe(small);

        const relisted = MARKER.test(title);
        expect(row.title.ja, where).toBe(title.replace(MARKER, ''));
        expect(row.refersTo !== undefined, where).toBe(relisted);

        expect(KIND_LABELS[row.kind].ja, where).toBe(kind);
        let previous = '';
        years.forEach((cell, y) => {
          const word = cell === '⇒' ? previous : cell;
          expect(word, `${where}, R${5 + y}`).not.toBe('');
          expect(STATUS_LABELS[row.statuses[2023 + y]!].ja, `${where}, R${5 + y}`).toBe(word);
          previous = word;
        });
        checked++;
      });
    }
    expect(checked).toBe(73);
  });

  it('re-lists the rows the text marks 再掲, and only those', () => {
    const marked = seed.filter((r) => MARKER.test(r.cells[2]!)).map((r) => r.line);
    const rows = plan.initiatives;
    const relistedIndexes = rows.flatMap((r, i) => ('refersTo' in r ? [i] : []));
    expect(relistedIndexes.map((i) => seed[i]!.line)).toEqual(marked);
    expect(marked).toHaveLength(4);
  });
});

describe('the plan model stays generic and free of I/O', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  const planDir = path.join(repo, 'shared/plan');

  it('mentions the city only under data/', () => {
    const outside = files(planDir).filter((f) => !f.startsWith(path.join(planDir, 'data') + path.sep));
    expect(outside.length).toBeGreaterThan(3);
    for (const file of outside) {
      expect(readFileSync(file, 'utf8'), path.relative(repo, file)).not.toMatch(/aizu|会津/i);
    }
  });

  it('imports nothing node-only', () => {
    for (const file of files(planDir)) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const spec of imports) expect(spec, path.relative(repo, file)).toMatch(/^(\.{1,2}\/|zod$)/);
    }
  });
});
