/**
 * k-anonymous storage of self-reported attributes (DESIGN §3, A1). A stored
 * answer carries its key group and the attributes its respondent stated.
 * Joined with the roster, that row must match at least k people of the group,
 * so before it is written the stated combination is coarsened: the fullest
 * combination first, then with attributes dropped in a fixed order, keeping
 * the first that at least k people of the group share according to the
 * population frozen when the campaign opened. An attribute the roster does not
 * hold for a person never counts as a match, so an attribute the roster
 * cannot vouch for (not in it at all, or unknown for everyone) is not stored.
 */

/** The attributes the roster and the survey share, in the order of the combination key. */
export const ROSTER_ATTRIBUTES = ['jobLevel', 'ageBand', 'employmentType'] as const;
export type RosterAttribute = (typeof ROSTER_ATTRIBUTES)[number];

/**
 * The combinations tried, fullest first. Age band goes first (least used by
 * the plan's breakdowns), then job level; employment type is kept longest.
 */
export const COARSENING_ORDER: ReadonlyArray<readonly RosterAttribute[]> = [
  ['jobLevel', 'ageBand', 'employmentType'],
  ['jobLevel', 'employmentType'],
  ['ageBand', 'employmentType'],
  ['jobLevel', 'ageBand'],
  ['employmentType'],
  ['jobLevel'],
  ['ageBand'],
  [],
];

/**
 * People per combination of roster attributes within one key group:
 * `"<jobLevel>|<ageBand>|<employmentType>"` → count, with an empty part where
 * the roster does not hold that attribute for the person.
 */
export type AttributeCounts = Record<string, number>;

export type RosterAttributes = Partial<Record<RosterAttribute, string | undefined>>;

export function combinationKey(person: RosterAttributes): string {
  return ROSTER_ATTRIBUTES.map((a) => person[a] ?? '').join('|');
}

/** The per-combination counts of a group's people. */
export function countCombinations(people: Iterable<RosterAttributes>): AttributeCounts {
  const counts: AttributeCounts = {};
  for (const p of people) {
    const key = combinationKey(p);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** How many of the counted people the roster shows with every given attribute value. */
export function matching(counts: AttributeCounts, kept: RosterAttributes): number {
  const wanted = ROSTER_ATTRIBUTES.map((a) => kept[a]);
  let n = 0;
  for (const [key, count] of Object.entries(counts)) {
    const parts = key.split('|');
    if (wanted.every((v, i) => v === undefined || parts[i] === v)) n += count;
  }
  return n;
}

/**
 * The attributes to store for a respondent who stated `stated`: the first
 * combination in {@link COARSENING_ORDER} (restricted to what was stated)
 * that at least `k` people of the group share. Anything that is not a roster
 * attribute is dropped. Returns `{}` when nothing narrower is safe.
 */
export function coarsenAttributes(
  stated: Readonly<Record<string, string>>,
  counts: AttributeCounts,
  k: number,
): Partial<Record<RosterAttribute, string>> {
  for (const combination of COARSENING_ORDER) {
    const kept: Partial<Record<RosterAttribute, string>> = {};
    let complete = true;
    for (const a of combination) {
      const value = stated[a];
      if (typeof value !== 'string' || value === '') {
        complete = false;
        break;
      }
      kept[a] = value;
    }
    // A combination that needs an attribute not stated is the same as a smaller one tried later.
    if (!complete) continue;
    if (combination.length === 0 || matching(counts, kept) >= k) return kept;
  }
  return {};
}
