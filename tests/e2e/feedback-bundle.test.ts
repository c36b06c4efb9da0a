import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS_KB, measureEntry, measureWeb } from '../../scripts/web-size';
import { WEB_DIR } from '../support/server';

type Entry = ReturnType<typeof measureEntry>;

/**
 * The staff feedback page is opened on phones like the survey page, so it
 * keeps to the same 90 KB of gzipped JavaScript (DESIGN §7), every chunk it
 * can load counted. It shares its runtime (Preact's React layer) with
 * the survey page, so its own code is all it adds; and it carries neither
 * zod nor the HR console. Measured on the build tests/setup/web.ts made.
 */
describe('feedback bundle', () => {
  let feedback: Entry;
  let answer: Entry;
  let consoleEntry: Entry;
  // Measured when the suite runs, not when it is collected: `vitest list` needs no build.
  beforeAll(() => {
    feedback = measureEntry(WEB_DIR, 'feedback');
    answer = measureEntry(WEB_DIR, 'answer');
    consoleEntry = measureEntry(WEB_DIR, 'console');
  });
  const files = (e: Entry) => new Set(e.chunks.map((c) => c.file));
  const text = (file: string) => readFileSync(path.join(WEB_DIR, 'assets', file), 'utf8');

  it('stays within 90 KB of gzipped JavaScript and adds little of its own', () => {
    const shared = feedback.chunks.filter(
      (c) => files(answer).has(c.file) || files(consoleEntry).has(c.file),
    );
    const own = feedback.chunks.filter((c) => !shared.includes(c));
    const ownGzip = own.reduce((sum, c) => sum + c.gzip, 0);
    console.log(
      `feedback entry: ${(feedback.gzip / 1000).toFixed(2)} kB gzipped JS in ${feedback.chunks.length} chunks, ` +
        `${(ownGzip / 1000).toFixed(2)} kB its own: ` +
        feedback.chunks.map((c) => `${c.file} ${(c.gzip / 1000).toFixed(2)} kB`).join(', '),
    );
    expect(BUDGETS_KB.feedback).toBe(90);
    expect(feedback.budgetKb).toBe(90);
    expect(feedback.gzip).toBeLessThanOrEqual(90_000);
    // The runtime (Preact's React layer and the staff pages' common parts) is the very chunk the
    // survey page loads (cached once for both).
    const runtime = shared.find((c) => c.gzip > 5_000);
    expect(runtime, 'a shared runtime chunk').toBeDefined();
    expect(files(answer).has(runtime!.file)).toBe(true);
    expect(text(runtime!.file)).not.toContain('react.dev/errors');
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(ownGzip).toBeLessThanOrEqual(20_000);
  });

  it('is a production build without zod or the console', () => {
    const consoleOnly = [...files(consoleEntry)].filter((f) => !files(feedback).has(f));
    expect(consoleOnly.length).toBeGreaterThan(0);
    for (const c of feedback.chunks) {
      const source = text(c.file);
      expect(source, c.file).not.toContain('jsxDEV');
      expect(source, c.file).not.toMatch(/ZodError|\$ZodType/);
      for (const f of consoleOnly) expect(source, c.file).not.toContain(f);
    }
  });

  it('is measured by scripts/web-size.ts with the other entries', () => {
    expect(measureWeb(WEB_DIR).map((e) => e.entry)).toEqual(['answer', 'feedback', 'console']);
  });
});
