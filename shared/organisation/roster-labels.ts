import * as z from 'zod';
import { AGE_BANDS, EMPLOYMENT_TYPES, JOB_LEVELS } from '../api/organisation';

/**
 * How a Japanese HR system's roster export maps onto the roster's fields and
 * codes (issue 16): header names and their synonyms, and the labels a city
 * writes for job levels (主事, 係長 …), employment types (正規, 会計年度任用 …)
 * and age bands. A city extends the label table with its own pairs (saved by
 * HR, services/roster-labels.ts); this file is the table every city starts
 * with. Matching ignores case, width (全角/半角) and spaces.
 */

export const ROSTER_FIELDS = [
  'staffNo',
  'name',
  'email',
  'unitCode',
  'jobLevel',
  'employmentType',
  'ageBand',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export const REQUIRED_ROSTER_FIELDS: readonly RosterField[] = [
  'staffNo',
  'name',
  'email',
  'unitCode',
  'jobLevel',
  'employmentType',
];
/** The fields whose cells are labels mapped to codes. */
export const LABELLED_FIELDS = ['jobLevel', 'employmentType', 'ageBand'] as const;
export type LabelledField = (typeof LABELLED_FIELDS)[number];

export const FIELD_CODES: Record<LabelledField, readonly string[]> = {
  jobLevel: JOB_LEVELS,
  employmentType: EMPLOYMENT_TYPES,
  ageBand: AGE_BANDS,
};

/** Each field's name in Japanese and English, for the console and the line errors. */
export const FIELD_NAMES: Record<RosterField, { ja: string; en: string }> = {
  staffNo: { ja: '職員番号', en: 'Staff number' },
  name: { ja: '氏名', en: 'Name' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  unitCode: { ja: '所属コード', en: 'Unit code' },
  jobLevel: { ja: '職位', en: 'Job level' },
  employmentType: { ja: '任用形態', en: 'Employment type' },
  ageBand: { ja: '年齢層', en: 'Age band' },
};

/** Header names that mean each field (the English field name first). */
export const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
  staffNo: [
    'staffNo',
    'staff_no',
    'staff number',
    'employee id',
    '職員番号',
    '職員コード',
    '職員no',
    '社員番号',
    '個人番号',
  ],
  name: ['name', 'full name', '氏名', '職員氏名', '名前', '氏名（漢字）', '漢字氏名'],
  email: ['email', 'e-mail', 'mail', 'メールアドレス', 'メール', 'eメール', '電子メール', 'mailアドレス'],
  unitCode: ['unitCode', 'unit_code', 'unit', '所属コード', '所属', '所属課コード', '課コード', '部署コード'],
  jobLevel: ['jobLevel', 'job_level', 'job level', 'grade', '職位', '役職', '職名', '職階'],
  employmentType: [
    'employmentType',
    'employment_type',
    'employment type',
    '任用形態',
    '雇用形態',
    '任用区分',
    '職員区分',
  ],
  ageBand: ['ageBand', 'age_band', 'age band', '年齢層', '年齢区分', '年代'],
};

/** The labels every city starts with, each mapped to the API's code. */
export const DEFAULT_LABELS: Record<LabelledField, Readonly<Record<string, string>>> = {
  jobLevel: {
    主事: 'staff',
    主事補: 'staff',
    技師: 'staff',
    技師補: 'staff',
    技手: 'staff',
    保育士: 'staff',
    保健師: 'staff',
    一般職員: 'staff',
    主任: 'senior',
    主査: 'senior',
    主任主事: 'senior',
    主任技師: 'senior',
    係長: 'chief',
    副主幹: 'chief',
    主幹: 'deputy',
    課長補佐: 'deputy',
    参事: 'manager',
    課長: 'manager',
    次長: 'manager',
    部長: 'manager',
    局長: 'manager',
  },
  employmentType: {
    正規: 'regular',
    正規職員: 'regular',
    正職員: 'regular',
    常勤: 'regular',
    再任用: 'reappointed',
    再任用職員: 'reappointed',
    会計年度任用: 'fiscal_year',
    会計年度任用職員: 'fiscal_year',
    会計年度: 'fiscal_year',
    任期付: 'fixed_term',
    任期付職員: 'fixed_term',
    任期付き: 'fixed_term',
  },
  ageBand: {
    '29歳以下': 'under30',
    '20代': 'under30',
    '30代': '30s',
    '30〜39歳': '30s',
    '40代': '40s',
    '40〜49歳': '40s',
    '50代': '50s',
    '50〜59歳': '50s',
    '60歳以上': '60plus',
    '60代': '60plus',
  },
};

/** Width, case and spaces do not matter when matching a header or a label. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const HEADER_INDEX = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((field) => HEADER_SYNONYMS[field].map((h) => [normalizeLabel(h), field] as const)),
);

/** The field a header names, if it is one the table knows. */
export function fieldOfHeader(header: string): RosterField | undefined {
  return HEADER_INDEX.get(normalizeLabel(header));
}

/**
 * Each column's field by its header; a field named twice goes to the first
 * column naming it, so no two columns feed one field.
 */
export function detectColumns(headers: readonly string[]): Array<RosterField | null> {
  const taken = new Set<RosterField>();
  return headers.map((h) => {
    const field = fieldOfHeader(h);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** A city's own label → code pairs, as HR saves them (codes checked per field). */
const labelsOf = (field: LabelledField) =>
  z
    .record(z.string().trim().min(1).max(50), z.string())
    .refine((m) => Object.values(m).every((code) => FIELD_CODES[field].includes(code)), {
      message: `${field}: every label must map to one of ${FIELD_CODES[field].join(', ')}`,
    })
    .refine((m) => Object.keys(m).length <= 500, { message: 'at most 500 labels per field' });

export const RosterLabels = z.strictObject({
  jobLevel: labelsOf('jobLevel').default({}),
  employmentType: labelsOf('employmentType').default({}),
  ageBand: labelsOf('ageBand').default({}),
});
export type RosterLabels = z.infer<typeof RosterLabels>;

/** A label table ready for lookups: normalized label → code, the city's pairs over the defaults. */
export type LabelTable = Record<LabelledField, Map<string, string>>;

export function labelTable(
  ...layers: Array<Partial<Record<LabelledField, Readonly<Record<string, string>>>>>
): LabelTable {
  const table: LabelTable = { jobLevel: new Map(), employmentType: new Map(), ageBand: new Map() };
  for (const field of LABELLED_FIELDS) {
    for (const code of FIELD_CODES[field]) table[field].set(normalizeLabel(code), code);
    for (const layer of [DEFAULT_LABELS, ...layers]) {
      for (const [label, code] of Object.entries(layer[field] ?? {}))
        table[field].set(normalizeLabel(label), code);
    }
  }
  return table;
}

/** The code a cell's label stands for; undefined when the table does not know it. */
export function codeOfLabel(table: LabelTable, field: LabelledField, cell: string): string | undefined {
  return table[field].get(normalizeLabel(cell));
}
