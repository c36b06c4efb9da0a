import type { Localized } from '../i18n/localized';
import type { HarassmentKind } from '../instruments/constructs/harassment-experience';

/**
 * National reference rates for harassment prevalence (DESIGN §5): the share of
 * staff who experienced each kind in the last 3 years, as two national surveys
 * report it. They differ in population (private-sector employees against
 * local-government staff), so which one a city is compared with is a setting
 * (functions/services/harassment.ts; default MIC, the local-government one),
 * and the page names it with its source.
 *
 * `checked` says how far each figure was verified when it was stored:
 * - `source`: read at the publisher's own page;
 * - `secondary`: read in reports quoting the publication (a public body or
 *   the press), not in the publication itself — the machine that stored them
 *   could not reach the publisher's report;
 * - `issue`: taken from issue 14 alone.
 * A figure marked other than `source` should be checked against the report
 * (the `url`) before it is quoted outside the organisation.
 */

export const HARASSMENT_REFERENCE_IDS = ['mic-2024', 'mhlw-2023'] as const;
export type HarassmentReferenceId = (typeof HARASSMENT_REFERENCE_IDS)[number];

export type Checked = 'source' | 'secondary' | 'issue';

export interface ReferenceRate {
  /** Share who experienced it in the window, 0–1. */
  rate: number;
  checked: Checked;
  /** Where it was checked, for `secondary`. */
  checkedAt?: string;
}

export interface HarassmentReference {
  id: HarassmentReferenceId;
  title: Localized;
  publisher: Localized;
  /** The fiscal year the survey was run (Japan's, April–March). */
  surveyFiscalYear: number;
  /** When the report was published, yyyy-mm(-dd). */
  published: string;
  population: Localized;
  /** The window respondents were asked about, in years. */
  windowYears: number;
  respondents: number;
  url: string;
  /** How the publication facts (title, publisher, date, population) were checked. */
  checked: Checked;
  /** Per kind; a kind the survey does not report on a comparable base is absent, with `notes` saying why. */
  rates: Partial<Record<HarassmentKind, ReferenceRate>>;
  notes?: Localized;
}

export const HARASSMENT_REFERENCES: readonly HarassmentReference[] = [
  {
    id: 'mic-2024',
    title: {
      ja: '地方公共団体における各種ハラスメントに関する職員アンケート調査',
      en: 'Staff survey on harassment in local governments',
    },
    publisher: { ja: '総務省', en: 'Ministry of Internal Affairs and Communications (MIC)' },
    surveyFiscalYear: 2024,
    published: '2025-04-25',
    population: {
      ja: '地方公共団体の一般行政部門の職員（388団体から無作為抽出した20,000人、常勤・非常勤）',
      en: 'Local-government staff in general administration (20,000 sampled from 388 authorities, full- and part-time)',
    },
    windowYears: 3,
    respondents: 11_507,
    url: 'https://www.soumu.go.jp/menu_news/s-news/01gyosei11_02000240.html',
    // The MIC press release (令和7年4月25日) states the title, date, sample and 11,507 respondents.
    checked: 'source',
    rates: {
      power: { rate: 0.157, checked: 'secondary', checkedAt: 'fnn.jp, limo.media (April 2025)' },
      sexual: { rate: 0.039, checked: 'secondary', checkedAt: 'fnn.jp, limo.media (April 2025)' },
      customer: {
        rate: 0.35,
        checked: 'secondary',
        checkedAt: 'JILPT, Business Labor Trend 2025-06 (jil.go.jp)',
      },
    },
    notes: {
      ja: '妊娠・出産・育児・介護に関するハラスメントは過去5年間・対象者を限った設問のため、比較対象にしていません。',
      en: 'Harassment over pregnancy, childcare or care is asked over 5 years of a narrower group there, so it is not compared.',
    },
  },
  {
    id: 'mhlw-2023',
    title: {
      ja: '令和5年度 職場のハラスメントに関する実態調査',
      en: 'Survey on workplace harassment, FY2023',
    },
    publisher: { ja: '厚生労働省', en: 'Ministry of Health, Labour and Welfare (MHLW)' },
    surveyFiscalYear: 2023,
    published: '2024-05-17',
    population: {
      ja: '全国の企業・団体に勤務する20〜64歳の労働者（公務員・役員を除く、インターネット調査8,000人）',
      en: 'Employees aged 20–64 of companies and organisations nationwide (excluding public servants and executives; 8,000 online)',
    },
    windowYears: 3,
    respondents: 8_000,
    url: 'https://www.mhlw.go.jp/content/11910000/001256082.pdf',
    checked: 'secondary',
    rates: {
      power: { rate: 0.193, checked: 'secondary', checkedAt: 'several summaries of the report (May 2024)' },
      sexual: { rate: 0.063, checked: 'secondary', checkedAt: 'several summaries of the report (May 2024)' },
      customer: {
        rate: 0.108,
        checked: 'secondary',
        checkedAt: 'several summaries of the report (May 2024)',
      },
    },
    notes: {
      ja: '妊娠・出産・育児休業等ハラスメントは過去5年間に妊娠・出産した女性などに限った設問のため、比較対象にしていません。',
      en: 'Harassment over pregnancy or childcare leave is asked over 5 years of those who were pregnant or used childcare schemes there, so it is not compared.',
    },
  },
];

/** What a local government is compared with unless HR chooses otherwise: the local-government survey. */
export const DEFAULT_HARASSMENT_REFERENCE: HarassmentReferenceId = 'mic-2024';

export function harassmentReference(id: HarassmentReferenceId): HarassmentReference {
  return HARASSMENT_REFERENCES.find((r) => r.id === id)!;
}
