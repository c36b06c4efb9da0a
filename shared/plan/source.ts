import * as z from 'zod';
import { Localized } from '../i18n/localized';
import { PillarId } from './ids';
import {
  FiscalYearRange,
  INITIATIVE_KINDS,
  INITIATIVE_STATUSES,
  type Initiative,
  type InitiativeKind,
  type InitiativeStatus,
  KIND_LABELS,
  type Plan,
  Priority,
  STATUS_LABELS,
  Slug,
  yearsOf,
} from './schema';
import { fromZodIssues, PlanError, type PlanIssue, parsePlan } from './validate';

/**
 * The source-row format: a plan written the way its tables are printed, so the
 * data can be read against the document line by line.
 *
 *   中項目 | 小項目 | 具体的な取組 | 区分 | R5 | R6 | R7 | R8 | R9
 *
 * - A blank 中項目 or 小項目 cell means "same as the row above" (a merged cell).
 * - 区分 is 新規 or 継続; a year cell is 実施, 検討, 研究 or 活用, or ⇒ for
 *   "same as the previous year".
 * - A title ending in （再掲） or 【再掲】 re-lists the initiative of the same
 *   title elsewhere in the plan; it becomes a row with `refersTo`.
 * - English comes from one glossary (Japanese cell text → English), so each
 *   phrase is translated once however many rows repeat it.
 */

/** ⇒: the status of the previous fiscal year continues. */
export const SAME_AS_PREVIOUS_YEAR = '⇒';

/** （再掲）, (再掲), 【再掲】 or [再掲] at the end of a title. */
export const RELISTING_MARKER = /\s*(?:（再掲）|\(再掲\)|【再掲】|\[再掲\])\s*$/u;

/** Index of the first fiscal-year cell in a source row. */
export const FIRST_YEAR_CELL = 4;

const STATUS_BY_WORD = new Map<string, InitiativeStatus>(
  INITIATIVE_STATUSES.map((status) => [STATUS_LABELS[status].ja, status]),
);
const KIND_BY_WORD = new Map<string, InitiativeKind>(
  INITIATIVE_KINDS.map((kind) => [KIND_LABELS[kind].ja, kind]),
);
const STATUS_WORDS = [...STATUS_BY_WORD.keys()].join(', ');

/**
 * Turns a row's year cells into a status per fiscal year, starting at `fromYear`.
 * ⇒ repeats the previous year's status; a ⇒ in the first year has nothing to
 * repeat and is an error. Throws `PlanError` whose paths are cell indexes.
 */
export function expandStatuses(cells: readonly string[], fromYear: number): Record<number, InitiativeStatus> {
  const issues: PlanIssue[] = [];
  const statuses: Record<number, InitiativeStatus> = {};
  if (cells.length === 0) issues.push({ path: [], message: 'no fiscal-year cells' });
  let previous: InitiativeStatus | undefined;
  let previousBroken = false;
  cells.forEach((raw, i) => {
    const cell = raw.trim();
    const year = fromYear + i;
    if (cell === SAME_AS_PREVIOUS_YEAR) {
      if (previous !== undefined) statuses[year] = previous;
      else if (i === 0) {
        issues.push({
          path: [i],
          message: `${SAME_AS_PREVIOUS_YEAR} ("same as the previous year") cannot be the first fiscal year's cell (FY${year}): there is no previous year`,
        });
      }
      // After a broken cell the error has already been reported once.
      else if (!previousBroken)
        issues.push({ path: [i], message: `${SAME_AS_PREVIOUS_YEAR} has nothing to repeat` });
      return;
    }
    const status = STATUS_BY_WORD.get(cell);
    if (status === undefined) {
      issues.push({
        path: [i],
        message: `${JSON.stringify(raw)} (FY${year}) is not a status: write one of ${STATUS_WORDS} or ${SAME_AS_PREVIOUS_YEAR}`,
      });
      previous = undefined;
      previousBroken = true;
      return;
    }
    statuses[year] = status;
    previous = status;
    previousBroken = false;
  });
  if (issues.length > 0) throw new PlanError('invalid fiscal-year cells:', issues);
  return statuses;
}

/** Splits the 再掲 marker off a title. */
export function stripRelistingMarker(title: string): { title: string; relisting: boolean } {
  const stripped = title.replace(RELISTING_MARKER, '');
  return { title: stripped, relisting: stripped !== title };
}

/** 中項目, 小項目, 具体的な取組, 区分, then one cell per fiscal year. */
export const SourceRow = z.tuple([z.string(), z.string(), z.string(), z.string()], z.string());
export type SourceRow = z.input<typeof SourceRow>;

/** One table of 取組内容: the rows of one pillar, in the document's order. */
export const SourceTable = z.strictObject({
  pillarId: PillarId,
  /** The table's heading (【人事管理】); it names the pillar. */
  heading: Localized,
  /** Row ids are `<idPrefix>-<NN>`, numbered from 01 in row order. */
  idPrefix: z.string().regex(/^[a-z][a-z0-9]*$/, 'use lower-case letters and digits, e.g. "per"'),
  rows: z.array(SourceRow).min(1),
});
export type SourceTable = z.input<typeof SourceTable>;

export const PlanSource = z.strictObject({
  id: Slug,
  city: Localized,
  title: Localized,
  fiscalYears: FiscalYearRange,
  priorities: z.array(Priority),
  /** In the order the plan lists its pillars. */
  tables: z.array(SourceTable).min(1),
  /** English for every 中項目, 小項目 and title, keyed by the Japanese cell text. */
  english: z.record(z.string().min(1), z.string().min(1)),
});
export type PlanSource = z.input<typeof PlanSource>;

interface Draft {
  placement: { id: string; pillarId: PillarId; middle: Localized; small: Localized };
  path: PropertyKey[];
  title: Localized;
  relisting: boolean;
  kind: InitiativeKind | undefined;
  statuses: Record<number, InitiativeStatus> | undefined;
  refersTo?: string;
}

function rowId(prefix: string, index: number, rowCount: number): string {
  return `${prefix}-${String(index + 1).padStart(Math.max(2, String(rowCount).length), '0')}`;
}

function sameStatuses(a: Record<number, InitiativeStatus>, b: Record<number, InitiativeStatus>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[Number(k)] === b[Number(k)]);
}

/** The finished row; only called once every draft is known to be complete. */
function toRow(d: Draft): Initiative {
  if (d.relisting) return { ...d.placement, refersTo: d.refersTo ?? '' };
  if (d.kind === undefined || d.statuses === undefined) throw new Error(`incomplete row ${d.placement.id}`);
  return { ...d.placement, title: d.title, kind: d.kind, statuses: d.statuses };
}

/**
 * Builds a plan from its source rows, then validates it with `parsePlan`.
 * Throws `PlanError` with every problem found and the cell it is in
 * (e.g. `tables[2].rows[5][4]`).
 */
export function planFromSource(input: PlanSource): Plan {
  const parsed = PlanSource.safeParse(input);
  if (!parsed.success) throw new PlanError('invalid plan source:', fromZodIssues(parsed.error.issues));
  const source = parsed.data;

  const issues: PlanIssue[] = [];
  const years = yearsOf(source.fiscalYears);
  const missingEnglish = new Map<string, PropertyKey[]>();
  const localized = (ja: string, path: PropertyKey[]) => {
    const en = source.english[ja];
    // A blank cell with nothing above it is reported on its own; it needs no English.
    if (en === undefined && ja !== '' && !missingEnglish.has(ja)) missingEnglish.set(ja, path);
    return { ja, en: en ?? ja };
  };

  const drafts: Draft[] = [];
  source.tables.forEach((table, t) => {
    let middle = '';
    let small = '';
    table.rows.forEach((cells, r) => {
      const path = ['tables', t, 'rows', r];
      const [middleCell, smallCell, titleCell, kindCell, ...yearCells] = cells.map((c) => c.trim()) as [
        string,
        string,
        string,
        string,
        ...string[],
      ];

      if (middleCell !== '') {
        middle = middleCell;
        if (smallCell === '') {
          issues.push({
            path: [...path, 1],
            message: `小項目 is blank on the row that starts 中項目 「${middleCell}」, so there is no row above to take it from`,
          });
        }
      } else if (middle === '') {
        issues.push({ path: [...path, 0], message: '中項目 is blank on the first row of the table' });
      }
      if (smallCell !== '') small = smallCell;
      else if (small === '' && middleCell === '') {
        issues.push({ path: [...path, 1], message: '小項目 is blank on the first row of the table' });
      }

      const { title, relisting } = stripRelistingMarker(titleCell);
      if (title === '') issues.push({ path: [...path, 2], message: '具体的な取組 is blank' });

      const kind = KIND_BY_WORD.get(kindCell);
      if (kind === undefined) {
        issues.push({
          path: [...path, 3],
          message: `${JSON.stringify(kindCell)} is not a 区分: write ${[...KIND_BY_WORD.keys()].join(' or ')}`,
        });
      }

      let statuses: Record<number, InitiativeStatus> | undefined;
      if (yearCells.length !== years.length) {
        issues.push({
          path,
          message: `${yearCells.length} fiscal-year cells, but the plan runs ${years.length} years (FY${source.fiscalYears.from}–FY${source.fiscalYears.to})`,
        });
      } else {
        try {
          statuses = expandStatuses(yearCells, source.fiscalYears.from);
        } catch (error) {
          if (!(error instanceof PlanError)) throw error;
          for (const issue of error.issues) {
            const [cell, ...rest] = issue.path;
            const at = typeof cell === 'number' ? [FIRST_YEAR_CELL + cell, ...rest] : [];
            issues.push({ path: [...path, ...at], message: issue.message });
          }
        }
      }

      drafts.push({
        placement: {
          id: rowId(table.idPrefix, r, table.rows.length),
          pillarId: table.pillarId,
          middle: localized(middle, [...path, 0]),
          small: localized(small, [...path, 1]),
        },
        path,
        // A 再掲 row's title is the original's; only the original needs English.
        title: relisting ? { ja: title, en: title } : localized(title, [...path, 2]),
        relisting,
        kind,
        statuses,
      });
    });
  });

  // Link each 再掲 row to the one initiative that carries its title.
  const originals = new Map<string, Draft[]>();
  for (const d of drafts) {
    if (!d.relisting) originals.set(d.title.ja, [...(originals.get(d.title.ja) ?? []), d]);
  }
  for (const d of drafts) {
    if (!d.relisting) continue;
    const candidates = originals.get(d.title.ja) ?? [];
    const [target] = candidates;
    if (target === undefined) {
      issues.push({
        path: [...d.path, 2],
        message: `「${d.title.ja}」 is marked 再掲, but no other row of the plan has that title`,
      });
    } else if (candidates.length > 1) {
      issues.push({
        path: [...d.path, 2],
        message: `「${d.title.ja}」 is marked 再掲, but ${candidates.length} rows have that title (${candidates.map((c) => c.placement.id).join(', ')})`,
      });
    } else {
      d.refersTo = target.placement.id;
      // Cells already reported as unreadable are not compared.
      const mine = d.statuses && d.kind ? { kind: d.kind, statuses: d.statuses } : undefined;
      const theirs =
        target.statuses && target.kind ? { kind: target.kind, statuses: target.statuses } : undefined;
      if (mine && theirs && (mine.kind !== theirs.kind || !sameStatuses(mine.statuses, theirs.statuses))) {
        issues.push({
          path: d.path,
          message: `the 再掲 row's 区分 or fiscal-year cells differ from those of ${target.placement.id}, the initiative it re-lists`,
        });
      }
    }
  }

  for (const [ja, path] of missingEnglish) {
    issues.push({ path, message: `no English for 「${ja}」: add it to english` });
  }
  if (issues.length > 0) throw new PlanError('invalid plan source:', issues);

  return parsePlan({
    id: source.id,
    city: source.city,
    title: source.title,
    fiscalYears: source.fiscalYears,
    pillars: source.tables.map((table, t) => ({ id: table.pillarId, name: table.heading, order: t + 1 })),
    priorities: source.priorities,
    initiatives: drafts.map(toRow),
  });
}
