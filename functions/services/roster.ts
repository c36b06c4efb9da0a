import {
  type RosterImportResult,
  type StaffRow,
  StaffRow as StaffRowSchema,
} from '../../shared/api/organisation';
import { DomainError } from './errors';
import type { AppDeps } from '../deps';
import type * as z from 'zod';
import { decodeCsv, parseCsv } from '../../shared/text/csv';

export const ROSTER_COLUMNS = ['staffNo', 'name', 'email', 'unitCode', 'jobLevel', 'employmentType'] as const;
/** Columns a roster may have; an empty cell means "not known". */
export const OPTIONAL_ROSTER_COLUMNS = ['ageBand'] as const;

export interface RosterCheck {
  rows: StaffRow[];
  errors: Array<{ line: number; message: string }>;
}

/** The current roster. */
export function listStaff(deps: AppDeps): Promise<StaffRow[]> {
  return deps.store.directory.listStaff();
}

/** What each roster column is called in Japanese, for the line errors. */
const COLUMN_JA: Record<string, string> = {
  staffNo: '職員番号',
  name: '氏名',
  email: 'メールアドレス',
  unitCode: '所属コード',
  jobLevel: '職位',
  employmentType: '雇用形態',
  ageBand: '年齢層',
};

/**
 * A bad row's issues, each `column: 日本語 / English` (the English is zod's
 * message, with the allowed codes when there are some), so HR can fix the
 * line without asking what the message means.
 */
export function describeRosterIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const column = String(issue.path[0] ?? '');
      const ja = COLUMN_JA[column];
      const what = ja ?? column;
      const jaText =
        issue.code === 'custom'
          ? `${what}は次のいずれかにしてください（${issue.message.replace(/^.* must be one of /, '')}）`
          : column === 'name' && issue.code === 'too_small'
            ? `${what}が空です`
            : `${what}の形式が正しくありません`;
      return `${column ? `${column}: ` : ''}${jaText} / ${issue.message}`;
    })
    .join('; ');
}

/** Reads and checks every line of a roster CSV against the schema and the known units. */
export function checkRoster(bytes: Uint8Array, unitCodes: Set<string>): RosterCheck {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(decodeCsv(bytes));
  } catch (err) {
    return { rows: [], errors: [{ line: 1, message: (err as Error).message }] };
  }
  const [header, ...body] = parsed;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'ファイルが空です / the file is empty' }] };
  const names = header.cells.map((h) => h.trim());
  const missing = ROSTER_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          message: `必要な列がありません: ${missing.join(', ')} / missing columns: ${missing.join(', ')}`,
        },
      ],
    };
  }
  const rows: StaffRow[] = [];
  const errors: RosterCheck['errors'] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length !== names.length) {
      errors.push({
        line,
        message: `列の数が見出しと合いません（${names.length}列のはずが${cells.length}列） / expected ${names.length} fields, found ${cells.length}`,
      });
      continue;
    }
    const record: Record<string, string> = Object.fromEntries(
      ROSTER_COLUMNS.map((col) => [col, (cells[names.indexOf(col)] ?? '').trim()]),
    );
    for (const col of OPTIONAL_ROSTER_COLUMNS) {
      const value = names.includes(col) ? (cells[names.indexOf(col)] ?? '').trim() : '';
      if (value !== '') record[col] = value;
    }
    const result = StaffRowSchema.safeParse(record);
    if (!result.success) {
      errors.push({ line, message: describeRosterIssues(result.error) });
      continue;
    }
    const row = result.data;
    if (!unitCodes.has(row.unitCode)) {
      errors.push({
        line,
        message: `unitCode: 所属コード ${row.unitCode} は登録されていません / unknown unit ${row.unitCode}`,
      });
      continue;
    }
    const first = seen.get(row.staffNo);
    if (first !== undefined) {
      errors.push({
        line,
        message: `staffNo: 職員番号 ${row.staffNo} は${first}行目にもあります / ${row.staffNo} already appears on line ${first}`,
      });
      continue;
    }
    seen.set(row.staffNo, line);
    rows.push(row);
  }
  if (body.length === 0) errors.push({ line: header.line, message: '職員の行がありません / no staff rows' });
  return { rows, errors };
}

/**
 * Imports a roster: every line is checked first; any bad line and nothing is
 * imported (422 with every bad line). Otherwise staff are added or updated by
 * staff number, and the new roster becomes current in one conditional write.
 */
export async function importRoster(
  deps: AppDeps,
  bytes: Uint8Array,
  options: { dryRun: boolean },
): Promise<RosterImportResult> {
  const units = await deps.store.directory.listUnits();
  const check = checkRoster(bytes, new Set(units.map((u) => u.code)));
  const version = await deps.store.directory.rosterVersion();
  const current = await deps.store.directory.listStaff(version);
  const known = new Set(current.map((s) => s.staffNo));
  const updated = check.rows.filter((r) => known.has(r.staffNo)).length;
  const result = { imported: check.rows.length - updated, updated, errors: check.errors };
  if (check.errors.length > 0) {
    throw new DomainError(
      'rejected',
      'invalid_roster',
      `${check.errors.length}行に誤りがあるため、取り込みませんでした / ${check.errors.length} line(s) have errors; nothing was imported`,
      { imported: 0, updated: 0, errors: check.errors },
    );
  }
  if (options.dryRun) return result;
  const merged = new Map(current.map((s) => [s.staffNo, s]));
  for (const row of check.rows) merged.set(row.staffNo, row);
  await deps.store.directory.replaceRoster(version, [...merged.values()]);
  return result;
}
