import {
  type RosterImportResult,
  type StaffRow,
  StaffRow as StaffRowSchema,
} from '../../shared/api/organisation';
import type { RosterMapping, RosterPreview } from '../../shared/api/roster';
import {
  codeOfLabel,
  detectColumns,
  FIELD_CODES,
  FIELD_NAMES,
  LABELLED_FIELDS,
  type LabelledField,
  labelTable,
  REQUIRED_ROSTER_FIELDS,
  type RosterField,
} from '../../shared/organisation/roster-labels';
import { DomainError } from './errors';
import type { AppDeps } from '../deps';
import type * as z from 'zod';
import { openRoster, RosterReadError, type RosterRow } from './roster-source';
import { cityRosterLabels } from './roster-labels';

/** Line errors returned at most (the count says how many there were). */
const MAX_ERRORS = 1000;
/** Rows after the header the preview shows. */
const SAMPLE_ROWS = 10;

/** The current roster. */
export function listStaff(deps: AppDeps): Promise<StaffRow[]> {
  return deps.store.directory.listStaff();
}

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
      const ja = FIELD_NAMES[column as RosterField]?.ja;
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

export interface RosterScan {
  preview: RosterPreview;
  rows: StaffRow[];
  errors: Array<{ line: number; message: string }>;
}

/**
 * Reads a roster upload row by row (roster-source.ts) and checks every line:
 * columns to fields (the mapping, else the header table), labels to codes
 * (the mapping's pairs, the city's saved pairs, the built-in table), then the
 * schema, the known units and unique staff numbers. Collects the checked rows
 * (the import writes them as one new version) and what the preview shows.
 */
export async function scanRoster(
  deps: AppDeps,
  input: AsyncIterable<Uint8Array>,
  mapping: RosterMapping = {},
): Promise<RosterScan> {
  const [units, city] = await Promise.all([deps.store.directory.listUnits(), cityRosterLabels(deps)]);
  const unitCodes = new Set(units.map((u) => u.code));
  const table = labelTable(city, mapping.labels ?? {});
  let source: Awaited<ReturnType<typeof openRoster>>;
  try {
    source = await openRoster(input, deps.xlsxRows);
  } catch (err) {
    if (!(err instanceof RosterReadError)) throw err;
    throw new DomainError('rejected', 'invalid_roster', err.message, {
      imported: 0,
      updated: 0,
      errors: [{ line: err.line, message: err.message }],
    });
  }
  const preview: RosterPreview = {
    format: source.format,
    headers: [],
    columns: [],
    sample: [],
    rows: 0,
    unknownLabels: [],
    errors: [],
    errorCount: 0,
  };
  const rows: StaffRow[] = [];
  const errors: RosterScan['errors'] = [];
  const fail = (line: number, message: string) => {
    preview.errorCount++;
    if (errors.length < MAX_ERRORS) errors.push({ line, message });
  };
  const unknown = new Map<string, RosterPreview['unknownLabels'][number]>();
  const seen = new Map<string, number>();
  let header: RosterRow | undefined;
  let columns: Array<RosterField | null> = [];
  let missing: RosterField[] = [];
  try {
    for await (const row of source.rows) {
      if (!header) {
        header = row;
        preview.headers = row.cells.map((h) => h.replace(/^\uFEFF/, '').trim());
        const detected = detectColumns(preview.headers);
        columns = preview.headers.map((_, i) =>
          mapping.columns && i < mapping.columns.length
            ? (mapping.columns[i] ?? null)
            : (detected[i] ?? null),
        );
        preview.columns = columns;
        missing = REQUIRED_ROSTER_FIELDS.filter((f) => !columns.includes(f));
        if (missing.length > 0) {
          const ja = missing.map((f) => FIELD_NAMES[f].ja).join('、');
          fail(
            row.line,
            `必要な列がありません: ${missing.join(', ')}（${ja}） / missing columns: ${missing.join(', ')}`,
          );
        }
        continue;
      }
      preview.rows++;
      if (preview.sample.length < SAMPLE_ROWS) preview.sample.push(row);
      if (missing.length > 0) continue;
      const { line, cells } = row;
      const width = preview.headers.length;
      if (
        source.format === 'csv' ? cells.length !== width : cells.slice(width).some((c) => c.trim() !== '')
      ) {
        fail(
          line,
          `列の数が見出しと合いません（${width}列のはずが${cells.length}列） / expected ${width} fields, found ${cells.length}`,
        );
        continue;
      }
      const record: Record<string, string> = {};
      const unknownHere: string[] = [];
      columns.forEach((field, i) => {
        if (!field) return;
        const value = (cells[i] ?? '').trim();
        if (!(LABELLED_FIELDS as readonly string[]).includes(field)) {
          record[field] = value;
          return;
        }
        if (value === '') {
          if (field !== 'ageBand') record[field] = value;
          return;
        }
        const code = codeOfLabel(table, field as LabelledField, value);
        if (code !== undefined) {
          record[field] = code;
          return;
        }
        const key = `${field}\u0000${value}`;
        const known = unknown.get(key);
        if (known) known.count++;
        else unknown.set(key, { field: field as LabelledField, value, count: 1, firstLine: line });
        const codes = FIELD_CODES[field as LabelledField].join(', ');
        unknownHere.push(
          `${field}: ${line}行目の${FIELD_NAMES[field].ja}「${value}」は対応表にありません。コード（${codes}）か対応表にある名称にしてください / line ${line}: ${field} "${value}" is not a known label; use one of ${codes} or map it`,
        );
      });
      if (unknownHere.length > 0) {
        fail(line, unknownHere.join('; '));
        continue;
      }
      const result = StaffRowSchema.safeParse(record);
      if (!result.success) {
        fail(line, describeRosterIssues(result.error));
        continue;
      }
      const staff = result.data;
      if (!unitCodes.has(staff.unitCode)) {
        fail(
          line,
          `unitCode: 所属コード ${staff.unitCode} は登録されていません / unknown unit ${staff.unitCode}`,
        );
        continue;
      }
      const first = seen.get(staff.staffNo);
      if (first !== undefined) {
        fail(
          line,
          `staffNo: 職員番号 ${staff.staffNo} は${first}行目にもあります / ${staff.staffNo} already appears on line ${first}`,
        );
        continue;
      }
      seen.set(staff.staffNo, line);
      rows.push(staff);
    }
  } catch (err) {
    if (!(err instanceof RosterReadError)) throw err;
    fail(err.line, err.message);
  }
  if (!header) fail(1, 'ファイルが空です / the file is empty');
  else if (preview.rows === 0 && missing.length === 0)
    fail(header.line, '職員の行がありません / no staff rows');
  const encoding = source.encoding();
  if (source.format === 'csv') preview.encoding = encoding ?? 'utf-8';
  preview.unknownLabels = [...unknown.values()];
  preview.errors = errors.slice(0, 50);
  return { preview, rows, errors };
}

/**
 * Imports a roster: every line is checked first; any bad line and nothing is
 * imported (422 with every bad line, naming the row and the value). Otherwise
 * staff are added or updated by staff number, and the new roster becomes
 * current in one conditional write (store/directory.ts replaceRoster): a
 * failure half-way leaves the roster as it was.
 */
export async function importRoster(
  deps: AppDeps,
  input: AsyncIterable<Uint8Array>,
  options: { dryRun: boolean; mapping?: RosterMapping },
): Promise<RosterImportResult> {
  const scan = await scanRoster(deps, input, options.mapping);
  const version = await deps.store.directory.rosterVersion();
  const current = await deps.store.directory.listStaff(version);
  const known = new Set(current.map((s) => s.staffNo));
  const updated = scan.rows.filter((r) => known.has(r.staffNo)).length;
  const count = scan.preview.errorCount;
  if (count > 0) {
    throw new DomainError(
      'rejected',
      'invalid_roster',
      `${count}行に誤りがあるため、取り込みませんでした / ${count} line(s) have errors; nothing was imported`,
      { imported: 0, updated: 0, errors: scan.errors },
    );
  }
  const result = { imported: scan.rows.length - updated, updated, errors: [] };
  if (options.dryRun) return result;
  const merged = new Map(current.map((s) => [s.staffNo, s]));
  for (const row of scan.rows) merged.set(row.staffNo, row);
  await deps.store.directory.replaceRoster(version, [...merged.values()]);
  return result;
}
