import { ATTRIBUTES } from '../../shared/instruments/attributes';
import type { Item, Template } from '../../shared/instruments/schema';

/**
 * Synthetic but valid data for the benchmarks: an organisation of any size
 * and answers to any template that pass the server's validation. Seeded, so
 * every run measures the same data.
 */

/** mulberry32: a small seeded generator, good enough for test data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticUnit {
  code: string;
  name: { ja: string; en: string };
  parentCode: string | null;
}

/**
 * A prefecture-like tree: departments, their divisions and their sections.
 * 20 × 10 × 5 gives 1,220 units, about 80 staff per section at 100,000 staff.
 */
export function syntheticUnits(departments = 20, divisions = 10, sections = 5): SyntheticUnit[] {
  const units: SyntheticUnit[] = [];
  for (let d = 0; d < departments; d++) {
    const dept = `D${String(d).padStart(2, '0')}`;
    units.push({ code: dept, name: { ja: `第${d + 1}部`, en: `Department ${d + 1}` }, parentCode: null });
    for (let v = 0; v < divisions; v++) {
      const div = `${dept}-${String(v).padStart(2, '0')}`;
      units.push({ code: div, name: { ja: `${div}課`, en: `Division ${div}` }, parentCode: dept });
      for (let s = 0; s < sections; s++) {
        const sec = `${div}-${s}`;
        units.push({ code: sec, name: { ja: `${sec}係`, en: `Section ${sec}` }, parentCode: div });
      }
    }
  }
  return units;
}

export interface SyntheticResponse {
  unitCode: string;
  attributes: Record<string, string>;
  answers: Record<string, number | string | string[]>;
}

const COMMENTS = [
  '業務量の偏りがあり、繁忙期の応援体制を整えてほしいです。',
  '研修の機会が増えてありがたいが、受講する時間の確保が難しい。',
  '上司に相談しやすい雰囲気になってきたと感じます。',
  'テレワークの対象業務を広げてほしい。紙の決裁が多く出勤が必要になる。',
  '若手の意見を聞く場がもっとあると良いと思います。',
];

/** The items of a template in the order they are asked. */
export function askedItems(template: Template): Item[] {
  const byId = new Map<string, Item>();
  for (const c of template.constructs) for (const i of c.items) byId.set(i.id, i);
  for (const i of template.standaloneItems) byId.set(i.id, i);
  return template.sections.flatMap((s) => s.items.map((id) => byId.get(id)!));
}

/**
 * Answers one response: every required item, most optional ones; likert
 * answers lean by unit so units differ; a comment from about one in six.
 */
export function syntheticAnswers(
  items: readonly Item[],
  random: () => number,
  lean = 0,
): Record<string, number | string | string[]> {
  const answers: Record<string, number | string | string[]> = {};
  for (const item of items) {
    const r = random();
    if (!item.required && item.type !== 'text' && r < 0.03) continue;
    switch (item.type) {
      case 'likert5':
        answers[item.id] = Math.min(5, Math.max(1, Math.round(1 + random() * 4 + lean)));
        break;
      case 'nps':
        answers[item.id] = Math.min(10, Math.max(0, Math.round(random() * 10 + lean * 2)));
        break;
      case 'number':
        answers[item.id] = item.min! + Math.floor(random() * (item.max! - item.min! + 1));
        break;
      case 'single':
        answers[item.id] = item.options![Math.floor(random() * item.options!.length)]!.value;
        break;
      case 'multi': {
        const plain = item.options!.filter((o) => !o.exclusive);
        const exclusive = item.options!.find((o) => o.exclusive);
        if (exclusive && r < 0.4) answers[item.id] = [exclusive.value];
        else {
          const first = plain[Math.floor(random() * plain.length)]!.value;
          const second = plain[Math.floor(random() * plain.length)]!.value;
          answers[item.id] = first === second ? [first] : [first, second];
        }
        break;
      }
      case 'text':
        if (r < 0.16) answers[item.id] = COMMENTS[Math.floor(random() * COMMENTS.length)]!;
        break;
    }
  }
  return answers;
}

/** Self-reported attributes: most people give all three, some prefer not to say. */
export function syntheticAttributes(random: () => number): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const a of ATTRIBUTES) {
    if (random() < 0.88) attributes[a.id] = a.options[Math.floor(random() * a.options.length)]!.value;
  }
  return attributes;
}

/**
 * A stream of responses over the given units, unevenly spread (some units
 * small enough to be suppressed), generated in chunks so a benchmark never
 * holds more than one chunk.
 */
export function* syntheticResponses(
  template: Template,
  units: readonly { code: string }[],
  count: number,
  seed = 1,
  chunk = 5_000,
): Generator<SyntheticResponse[]> {
  const random = seeded(seed);
  const items = askedItems(template);
  const weights = units.map(() => random() ** 2);
  const leans = units.map(() => (random() - 0.5) * 1.2);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  const pickUnit = () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let done = 0; done < count; ) {
    const size = Math.min(chunk, count - done);
    const out: SyntheticResponse[] = new Array(size);
    for (let i = 0; i < size; i++) {
      const u = pickUnit();
      out[i] = {
        unitCode: units[u]!.code,
        attributes: syntheticAttributes(random),
        answers: syntheticAnswers(items, random, leans[u]!),
      };
    }
    done += size;
    yield out;
  }
}
