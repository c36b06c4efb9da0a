import type { StaffRow, Unit } from '../../shared/api/organisation';

/**
 * A made-up organisation for the demo: a city hall of about twenty units and
 * 1,100 staff, with a few units small enough that their results are hidden.
 * Names are generic; nothing here describes a real city.
 */

interface DemoUnit {
  code: string;
  ja: string;
  en: string;
  parent?: string;
  staff: number;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: 'GEN', ja: '総務部', en: 'General Affairs Dept.', staff: 8 },
  { code: 'GEN-HR', ja: '人事課', en: 'Personnel Division', parent: 'GEN', staff: 24 },
  { code: 'GEN-FIN', ja: '財政課', en: 'Finance Division', parent: 'GEN', staff: 20 },
  { code: 'GEN-DX', ja: 'デジタル推進課', en: 'Digital Transformation Division', parent: 'GEN', staff: 18 },
  { code: 'CIT', ja: '市民部', en: 'Citizens Dept.', staff: 6 },
  { code: 'CIT-REG', ja: '市民課', en: 'Citizen Registration Division', parent: 'CIT', staff: 62 },
  { code: 'CIT-TAX', ja: '税務課', en: 'Taxation Division', parent: 'CIT', staff: 70 },
  { code: 'CIT-INS', ja: '保険年金課', en: 'Insurance and Pension Division', parent: 'CIT', staff: 44 },
  { code: 'WEL', ja: '健康福祉部', en: 'Health and Welfare Dept.', staff: 7 },
  { code: 'WEL-SOC', ja: '社会福祉課', en: 'Social Welfare Division', parent: 'WEL', staff: 88 },
  { code: 'WEL-CHI', ja: 'こども家庭課', en: 'Children and Families Division', parent: 'WEL', staff: 80 },
  { code: 'WEL-HLT', ja: '健康増進課', en: 'Health Promotion Division', parent: 'WEL', staff: 52 },
  { code: 'CON', ja: '建設部', en: 'Construction Dept.', staff: 5 },
  { code: 'CON-RD', ja: '道路課', en: 'Roads Division', parent: 'CON', staff: 72 },
  { code: 'CON-URB', ja: '都市計画課', en: 'Urban Planning Division', parent: 'CON', staff: 34 },
  { code: 'ENV', ja: '環境生活部', en: 'Environment Dept.', staff: 4 },
  { code: 'ENV-ENV', ja: '環境課', en: 'Environment Division', parent: 'ENV', staff: 38 },
  { code: 'ENV-CLN', ja: '清掃事務所', en: 'Waste Collection Office', parent: 'ENV', staff: 9 },
  { code: 'EDU', ja: '教育委員会事務局', en: 'Board of Education Secretariat', staff: 6 },
  { code: 'EDU-SCH', ja: '学校教育課', en: 'School Education Division', parent: 'EDU', staff: 58 },
  { code: 'EDU-LLL', ja: '生涯学習課', en: 'Lifelong Learning Division', parent: 'EDU', staff: 30 },
  { code: 'EDU-HER', ja: '文化財課', en: 'Cultural Heritage Division', parent: 'EDU', staff: 5 },
  { code: 'FIRE', ja: '消防本部', en: 'Fire Department', staff: 250 },
  { code: 'WAT', ja: '上下水道部', en: 'Water and Sewerage Dept.', staff: 100 },
  { code: 'ASM', ja: '議会事務局', en: 'Assembly Secretariat', staff: 7 },
];

/** The demo's units in the list's own order (a city's order, not its codes'): `order` counts among siblings. */
export function demoUnits(): Unit[] {
  const seen = new Map<string, number>();
  return DEMO_UNITS.map((u) => {
    const parent = u.parent ?? '';
    const order = (seen.get(parent) ?? 0) + 1;
    seen.set(parent, order);
    return { code: u.code, name: { ja: u.ja, en: u.en }, parentCode: u.parent ?? null, order };
  });
}

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '渡辺',
  '伊藤',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '斎藤',
  '遠藤',
  '菅野',
  '星',
  '渡部',
  '長谷川',
  '五十嵐',
];
const GIVEN = [
  '翔太',
  '陽菜',
  '大輔',
  '美咲',
  '健一',
  '由美',
  '拓也',
  '彩',
  '誠',
  '恵',
  '直樹',
  '愛',
  '亮',
  '真由美',
  '浩二',
  '結衣',
  '修',
  '舞',
  '隆',
  '千尋',
];
const JOB_LEVELS = ['staff', 'staff', 'staff', 'senior', 'senior', 'chief', 'deputy', 'manager'];
const EMPLOYMENT = [
  'regular',
  'regular',
  'regular',
  'regular',
  'regular',
  'regular',
  'fiscal_year',
  'fiscal_year',
  'reappointed',
  'fixed_term',
];

/** Age bands in the roster's codes (the same as the survey's), weighted as a city's staff are. */
const AGE_BANDS = ['under30', '30s', '30s', '40s', '40s', '50s', '50s', '60plus'];

export function demoStaff(random = seededRandom(20230401)): StaffRow[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  // Its own stream, so the other columns are what they were before the roster had ages.
  const ageRandom = seededRandom(19570401);
  const rows: StaffRow[] = [];
  let serial = 1;
  for (const unit of DEMO_UNITS) {
    for (let i = 0; i < unit.staff; i++) {
      const staffNo = `D${String(serial++).padStart(5, '0')}`;
      rows.push({
        staffNo,
        name: `${pick(SURNAMES)} ${pick(GIVEN)}`,
        email: random() < 0.9 ? `${staffNo.toLowerCase()}@example.jp` : '',
        unitCode: unit.code,
        jobLevel: pick(JOB_LEVELS),
        employmentType: pick(EMPLOYMENT),
        ageBand: AGE_BANDS[Math.floor(ageRandom() * AGE_BANDS.length)]!,
      });
    }
  }
  return rows;
}
