import type { DemoRespondent } from './demo-answers';

/**
 * The demo's answers to the harassment module's experience items: each kind's
 * 3-year prevalence falls from FY2023 to FY2026 as the plan's prevention
 * measures (env-12..14) take hold, customer harassment stays the commonest as
 * in the national local-government survey, and a worse-off unit or person is
 * likelier to have experienced it. The 12 months are a subset of the 3 years.
 * A few skip the questions or would rather not say.
 */

/** Share who experienced each kind in the past 3 years, per fiscal year of the demo (FY2023…FY2026). */
const PREVALENCE: Record<string, number[]> = {
  power: [0.21, 0.18, 0.15, 0.14],
  sexual: [0.06, 0.05, 0.04, 0.035],
  maternity: [0.05, 0.045, 0.04, 0.035],
  customer: [0.41, 0.38, 0.34, 0.33],
};

/** The items answered here, not by the generic generator. */
export const DEMO_HARASSMENT_ITEMS = new Set([
  'har.experienced_3y',
  'har.experienced',
  'har.witnessed',
  'har.frequency',
  'har.source',
  'har.consulted',
  'har.outcome',
]);

const pickOne = <T>(xs: readonly T[], random: () => number): T => xs[Math.floor(random() * xs.length)]!;

export function demoHarassment(
  yearIndex: number,
  who: DemoRespondent,
  random: () => number,
): Record<string, string | string[]> {
  if (random() < 0.08) return {};
  if (random() < 0.03) return { 'har.experienced_3y': ['decline'], 'har.experienced': ['decline'] };
  // A unit or person leaning low (a worse climate) is likelier to have experienced it.
  const risk = Math.min(2, Math.max(0.4, 1 - (who.unitLean + who.personLean) * 1.5));
  const kinds = Object.entries(PREVALENCE)
    .filter(([, rates]) => random() < rates[yearIndex]! * risk)
    .map(([kind]) => kind);
  const recent = kinds.filter(() => random() < 0.55);
  const witnessed = Object.keys(PREVALENCE).filter((k) => random() < (PREVALENCE[k]![yearIndex]! * risk) / 2);
  const out: Record<string, string | string[]> = {
    'har.experienced_3y': kinds.length ? kinds : ['none'],
    'har.experienced': recent.length ? recent : ['none'],
    'har.witnessed': witnessed.length ? witnessed : ['none'],
  };
  if (kinds.length === 0) return out;
  out['har.frequency'] = pickOne(['once', 'few', 'few', 'monthly', 'weekly'], random);
  out['har.source'] =
    kinds.includes('customer') && (kinds.length === 1 || random() < 0.5)
      ? ['public']
      : [pickOne(['manager', 'manager', 'colleague', 'executive', 'subordinate'], random)];
  const consulted = random() < 0.4 + yearIndex * 0.08;
  out['har.consulted'] = consulted
    ? [pickOne(['manager', 'colleague', 'desk', 'family'], random)]
    : ['nobody'];
  out['har.outcome'] = consulted
    ? pickOne(['resolved', 'acted_unresolved', 'not_acted', 'nothing', 'pending'], random)
    : 'not_consulted';
  return out;
}
