import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS_KB, measureEntry } from '../../scripts/web-size';
import { WEB_DIR } from '../support/server';

type Entry = ReturnType<typeof measureEntry>;

/**
 * DESIGN §7: the respondent page loads at most 90 KB of gzipped JavaScript,
 * every chunk it can load counted, and none of the HR console's code.
 * Measured on the build tests/setup/web.ts made (dist/web). The staff pages
 * run on Preact's React compatibility layer, which keeps them near 30 kB.
 */
describe('respondent bundle', () => {
  let answer: Entry;
  let consoleEntry: Entry;
  // Measured when the suite runs, not when it is collected: `vitest list` needs no build.
  beforeAll(() => {
    answer = measureEntry(WEB_DIR, 'answer');
    consoleEntry = measureEntry(WEB_DIR, 'console');
  });
  const text = (file: string) => readFileSync(path.join(WEB_DIR, 'assets', file), 'utf8');

  it('stays within 90 KB of gzipped JavaScript', () => {
    console.log(
      `answer entry: ${(answer.gzip / 1000).toFixed(2)} kB gzipped JS in ${answer.chunks.length} chunks ` +
        answer.chunks.map((c) => `${c.file} ${(c.gzip / 1000).toFixed(2)} kB`).join(', '),
    );
    expect(BUDGETS_KB.answer).toBe(90);
    // The runtime and the page itself are both there: the walk from index.html found the real chunks.
    expect(answer.chunks.length).toBeGreaterThanOrEqual(2);
    expect(answer.gzip).toBeGreaterThan(20_000);
    expect(answer.gzip).toBeLessThanOrEqual(90_000);
  });

  it('runs on Preact, not on React itself (web/vite.config.ts), while the console keeps React', () => {
    const all = answer.chunks.map((c) => text(c.file)).join('\n');
    // React's production build names its error decoder; Preact's compat layer does not ship it.
    expect(all).not.toContain('react.dev/errors');
    expect(consoleEntry.chunks.map((c) => text(c.file)).join('\n')).toContain('react.dev/errors');
  });

  it('is a production build without zod or the console', () => {
    const consoleOnly = consoleEntry.chunks
      .map((c) => c.file)
      .filter((f) => !answer.chunks.some((a) => a.file === f));
    expect(consoleOnly.length).toBeGreaterThan(0);
    for (const c of answer.chunks) {
      const source = text(c.file);
      expect(source, c.file).not.toContain('jsxDEV');
      expect(source, c.file).not.toMatch(/ZodError|\$ZodType/);
      for (const f of consoleOnly) expect(source, c.file).not.toContain(f);
    }
  });
});
