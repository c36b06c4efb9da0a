import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Machine, markdown, type Section } from '../../scripts/bench/report';

/**
 * A full `npm run bench` rewrites docs/BENCHMARKS.md from its run (scripts/bench/report.ts). What
 * people wrote there by hand — notes under a section, the scale run's section — must survive it.
 */

const host: Machine = {
  cpu: 'test CPU',
  cores: 2,
  memory: '1 GiB',
  node: 'v20',
  openssl: '3',
  os: 'Linux',
  date: '2026-12-04T00:00:00.000Z',
  load: '0.00 0.00 0.00',
};
const section = (title: string, measured: string): Section => ({
  title,
  rows: [{ name: `${title} figure`, measured, budget: '≤ 1 s', met: true, note: 'how' }],
  method: `How ${title} is measured.`,
});

describe('markdown() of docs/BENCHMARKS.md', () => {
  it('rewrites the sections it writes and keeps what was written by hand where it stood', () => {
    const first = markdown([section('Submit', '1 s'), section('Results', '2 s')], host, 10);
    const edited = first
      .replace('## Results', '### Why submit is fast\n\nBy hand, under Submit.\n\n## Results')
      .concat('\n## Scale: by hand\n\nA run copied by hand.\n\n### Its table\n\n| a | b |\n| - | - |\n');
    const next = markdown(
      [section('Submit', '0.5 s'), section('Results', '3 s'), section('Dashboard', '4 ms')],
      host,
      12,
      edited,
    );
    expect(next).toContain('| Submit figure | 0.5 s');
    expect(next).not.toContain('| Submit figure | 1 s');
    expect(next).toContain('| Results figure | 3 s');
    // The note stays under Submit, before Results; the scale section stays after Results, before the new one.
    const at = (text: string) => {
      const i = next.indexOf(text);
      expect(i, text).toBeGreaterThan(-1);
      return i;
    };
    expect(at('How Submit is measured.')).toBeLessThan(at('### Why submit is fast'));
    expect(at('By hand, under Submit.')).toBeLessThan(at('## Results'));
    expect(at('How Results is measured.')).toBeLessThan(at('## Scale: by hand'));
    expect(at('### Its table')).toBeLessThan(at('## Dashboard'));
    // Each once: a second run changes nothing written by hand.
    const again = markdown(
      [section('Submit', '0.5 s'), section('Results', '3 s'), section('Dashboard', '4 ms')],
      host,
      12,
      next,
    );
    expect(again).toBe(next);
    expect(next.split('## Scale: by hand')).toHaveLength(2);
    expect(next.split('### Why submit is fast')).toHaveLength(2);
  });

  it('does not copy a subsection that the section’s own method text writes', () => {
    const submit: Section = {
      ...section('Submit', '1 s'),
      method: 'How Submit is measured.\n\n### What submit does\n\nWritten by the bench.',
    };
    const first = markdown([submit], host, 10);
    const edited = first.concat('\n### Measured by hand\n\nA note.\n');
    const next = markdown([submit], host, 10, edited);
    expect(next.split('### What submit does')).toHaveLength(2);
    expect(next.split('Written by the bench.')).toHaveLength(2);
    expect(next.split('### Measured by hand')).toHaveLength(2);
    expect(markdown([submit], host, 10, next)).toBe(next);
  });

  it('keeps every hand-written heading of the file as it is in the repository', async () => {
    const file = await readFile(path.resolve(import.meta.dirname, '../../docs/BENCHMARKS.md'), 'utf8');
    const handWritten = file.split('\n').filter((l) => l.startsWith('### ') || l.startsWith('## Scale'));
    expect(handWritten.length).toBeGreaterThan(0);
    // The titles the full run writes (scripts/bench/*.ts), each with a table of its own.
    const titles = [
      'Token issuing',
      'Submit',
      'Results',
      'Dashboard',
      'Web app',
      'Lambda bundles',
      'Roster import (streaming)',
      'First run (npm start, demo)',
    ];
    const next = markdown(
      titles.map((t) => section(t, '1 s')),
      host,
      1,
      file,
    );
    for (const heading of handWritten) expect(next).toContain(heading);
  });
});
