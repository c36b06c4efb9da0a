import os from 'node:os';

/**
 * One line of the benchmark report. A row with a `budget` counts towards
 * `budgets: N/N met`; a row without one is context (a reference measured in
 * the same run, or a figure the design gives no budget for).
 */
export interface Row {
  /** What was measured, e.g. "token issuing (native blindSign)". */
  name: string;
  /** The figure, formatted with its unit. */
  measured: string;
  /** The budget as DESIGN §7 states it, e.g. "≥ 500 /s"; absent for context rows. */
  budget?: string;
  /** Whether the budget is met; only for rows with a budget. */
  met?: boolean;
  /** How it was measured and against what (reference, repeats, spread). */
  note?: string;
}

/** What one benchmark adds to the report: rows, and prose for BENCHMARKS.md. */
export interface Section {
  title: string;
  rows: Row[];
  /** Markdown paragraphs explaining the method; BENCHMARKS.md only. */
  method?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  openssl: string;
  os: string;
  date: string;
  load: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    openssl: process.versions.openssl,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

export const budgeted = (sections: Section[]) => sections.flatMap((s) => s.rows).filter((r) => r.budget);

/** Console table: one line per row, measured beside its budget. */
export function printSection(section: Section, log: (line: string) => void = console.log): void {
  log(`\n${section.title}`);
  const width = Math.max(...section.rows.map((r) => r.name.length));
  for (const row of section.rows) {
    const verdict = row.budget ? `${row.met ? 'ok  ' : 'MISS'} budget ${row.budget}` : '     (context)';
    log(`  ${row.name.padEnd(width)}  ${row.measured.padStart(14)}  ${verdict}`);
  }
}

export function summaryLine(sections: Section[]): string {
  const rows = budgeted(sections);
  return `budgets: ${rows.filter((r) => r.met).length}/${rows.length} met`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A Markdown table with padded columns, as the project's formatter (Biome) writes them. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** A `## ` block of a Markdown file: its title and its lines, the heading included. */
interface Block {
  title: string;
  lines: string[];
}

function splitBlocks(md: string): { preamble: string[]; blocks: Block[] } {
  const preamble: string[] = [];
  const blocks: Block[] = [];
  let fenced = false;
  for (const line of md.replace(/\n+$/, '').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('## ')) blocks.push({ title: line.slice(3).trim(), lines: [line] });
    else (blocks.at(-1)?.lines ?? preamble).push(line);
  }
  return { preamble, blocks };
}

const LATEST_RUN = 'Latest run';

/**
 * docs/BENCHMARKS.md from one run. With the file as it was (`previous`), what people wrote by hand
 * is kept where it stood: the `###` subsections under a section the bench writes (the bench rewrites
 * the section's table and method only), and every `##` section the bench does not write (the scale
 * run's, copied from a run by hand), after the same section as before.
 */
export function markdown(sections: Section[], host: Machine, seconds: number, previous?: string): string {
  const old = splitBlocks(previous ?? '').blocks;
  const titles = new Set(sections.map((s) => s.title));
  // A section of this run's title is this run's (its body rewritten, its subsections kept), also one
  // written by hand as a stand-in until the next full run (those say so).
  const written = (b: Block) => b.title === LATEST_RUN || titles.has(b.title);
  /** Hand-written text kept under a section: its subsections. */
  const subsections = new Map<string, string[]>();
  /** Hand-written sections, by the written section they followed. */
  const after = new Map<string, Block[]>();
  let anchor = LATEST_RUN;
  for (const b of old) {
    if (written(b)) {
      anchor = b.title;
      const at = b.lines.findIndex((l) => l.startsWith('### '));
      if (at > 0) subsections.set(b.title, b.lines.slice(at));
    } else {
      after.set(anchor, [...(after.get(anchor) ?? []), b]);
    }
  }
  /** The old subsections of a section, less those its new method text writes itself (no copy twice). */
  const kept = (title: string, method = '') => {
    const out: string[] = [];
    const written = new Set(method.split('\n').filter((l) => l.startsWith('### ')));
    const sub: string[] = [];
    let skip = false;
    for (const line of subsections.get(title) ?? []) {
      if (line.startsWith('### ')) skip = written.has(line);
      if (!skip) sub.push(line);
    }
    if (sub.length > 0) out.push('', ...trimEnd(sub));
    for (const b of after.get(title) ?? []) out.push('', ...trimEnd(b.lines));
    return out;
  };
  const lines: string[] = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (scripts/bench/) from its latest full run; edit the bench, not this file. Kept as written by hand: `###` subsections of the sections below, and `##` sections the bench does not write. -->',
    '',
    'The budgets of DESIGN §7, measured by `npm run bench`. Each figure that depends on the',
    "machine's speed is measured beside a reference taken in the same run (raw store writes, the",
    'library signer, a bare read, a trivial route, an empty module), so it can be read on a shared,',
    'noisy machine: throughput is the median of interleaved rounds, times are judged on the run least',
    'disturbed by other work. `npm run bench -- --quick` is a smoke run at small sizes for CI: it',
    'checks that every benchmark still works and does not rewrite this file.',
    '',
    '## Latest run',
    '',
    ...table(
      ['machine', ''],
      [
        ['date', host.date],
        ['CPU', `${cell(host.cpu)}, ${host.cores} cores`],
        ['memory', host.memory],
        ['Node', `${host.node} (OpenSSL ${host.openssl})`],
        ['OS', cell(host.os)],
        ['load average at start', host.load],
        ['bench duration', `${seconds.toFixed(0)} s`],
      ],
    ),
    '',
    `**${summaryLine(sections)}**`,
    '',
    ...table(
      ['benchmark', 'measured', 'budget', 'met'],
      sections.flatMap((s) =>
        s.rows.map((r) => [
          cell(r.name),
          cell(r.measured),
          r.budget ? cell(r.budget) : '—',
          r.budget ? (r.met ? 'yes' : '**no**') : 'context',
        ]),
      ),
    ),
    ...kept(LATEST_RUN),
  ];
  for (const s of sections) {
    lines.push('', `## ${s.title}`, '');
    lines.push(
      ...table(
        ['', 'measured', 'budget', 'how'],
        s.rows.map((r) => [cell(r.name), cell(r.measured), cell(r.budget ?? '—'), cell(r.note ?? '')]),
      ),
    );
    if (s.method) lines.push('', s.method.trim());
    lines.push(...kept(s.title, s.method));
  }
  // Hand-written sections that followed a section this run did not write: at the end, not lost.
  for (const [title, blocks] of after) {
    if (title === LATEST_RUN || titles.has(title)) continue;
    for (const b of blocks) lines.push('', ...trimEnd(b.lines));
  }
  return `${lines.join('\n')}\n`;
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end);
}

/** Formatting helpers shared by the benchmarks. */
export const fmt = {
  rate: (perSecond: number) => `${perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1)} /s`,
  ms: (ms: number) => `${ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)} ms`,
  mb: (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
  pct: (fraction: number) => `${(fraction * 100).toFixed(0)}%`,
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
