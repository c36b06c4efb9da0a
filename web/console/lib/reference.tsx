import { ORGANISATION_GROUP, ORGANISATION_NAME } from '../../../shared/disclosure/organisation-group';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Unit } from '../../../shared/api/organisation';
import { unitTreeOrder } from '../../../shared/organisation/order';
import type { Lang } from '../../../shared/i18n/localized';
import type { Construct, Item, Template } from '../../../shared/instruments/schema';
import type { PillarId } from '../../../shared/plan/ids';
import type { Plan } from '../../../shared/plan/schema';
import { api } from './api';

/**
 * What every page reads names from: units, the plan and the survey
 * templates (constructs with their items, in Japanese and English).
 * Loaded once after sign-in.
 */
export interface Reference {
  units: Unit[];
  plan: Plan;
  templates: Template[];
  /**
   * Units in tree order, siblings in HR's display order then by code
   * (shared/organisation/order.ts), each with its depth (0 for a top unit).
   */
  unitTree: Array<{ unit: Unit; depth: number }>;
  unit(code: string): Unit | undefined;
  /** A unit's depth in the tree (0 for a top unit or an unknown code). */
  unitDepth(code: string): number;
  unitName(code: string, lang: Lang): string;
  construct(id: string): Construct | undefined;
  constructName(id: string, lang: Lang): string;
  /** Constructs in bank order, with their pillar. */
  constructs: Construct[];
  /** null: a feedback post no one has given a pillar yet (未分類). */
  pillarName(id: PillarId | string | null, lang: Lang): string;
  pillarIds: PillarId[];
  item(id: string): Item | undefined;
  attributeLabel(attributeId: string, lang: Lang): string;
  attributeValueLabel(attributeId: string, value: string, lang: Lang): string;
  /** Constructs that name this plan initiative (or the one a 再掲 row re-lists). */
  constructsInforming(initiativeId: string): Construct[];
}

const pickText = (text: { ja: string; en?: string } | undefined, lang: Lang) =>
  text ? (lang === 'en' && text.en ? text.en : text.ja) : '';

export function buildReference(units: Unit[], plan: Plan, templates: Template[]): Reference {
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const unitTree = unitTreeOrder(units);
  const depthOf = new Map(unitTree.map(({ unit, depth }) => [unit.code, depth]));

  const constructById = new Map<string, Construct>();
  const itemById = new Map<string, Item>();
  // The newest template last, so its wording wins.
  for (const t of templates) {
    for (const c of t.constructs) {
      constructById.set(c.id, c);
      for (const i of c.items) itemById.set(i.id, i);
    }
    for (const i of t.standaloneItems) itemById.set(i.id, i);
  }
  const pillarIds = [...plan.pillars].sort((a, b) => a.order - b.order).map((p) => p.id);
  const constructs = [...constructById.values()].sort(
    (a, b) => pillarIds.indexOf(a.pillarId) - pillarIds.indexOf(b.pillarId),
  );
  const attributes = new Map(templates.flatMap((t) => t.attributes).map((a) => [a.id, a]));
  const refersTo = new Map(
    plan.initiatives.map((row) => [row.id, 'refersTo' in row && row.refersTo ? row.refersTo : row.id]),
  );

  return {
    units,
    plan,
    templates,
    unitTree,
    unit: (code) => unitByCode.get(code),
    unitDepth: (code) => depthOf.get(code) ?? 0,
    // A key group above the top-level units (several departments) has a name of its own, not a code.
    unitName: (code, lang) =>
      pickText(code === ORGANISATION_GROUP ? ORGANISATION_NAME : unitByCode.get(code)?.name, lang) || code,
    construct: (id) => constructById.get(id),
    constructName: (id, lang) => pickText(constructById.get(id)?.name, lang) || id,
    constructs,
    pillarName: (id, lang) =>
      id === null
        ? lang === 'ja'
          ? '未分類'
          : 'Unclassified'
        : pickText(plan.pillars.find((p) => p.id === id)?.name, lang) || id,
    pillarIds,
    item: (id) => itemById.get(id),
    attributeLabel: (id, lang) => pickText(attributes.get(id as never)?.label, lang) || id,
    attributeValueLabel: (id, value, lang) =>
      pickText(attributes.get(id as never)?.options.find((o) => o.value === value)?.label, lang) || value,
    constructsInforming: (initiativeId) => {
      const own = refersTo.get(initiativeId) ?? initiativeId;
      return constructs.filter((c) => c.initiatives.includes(initiativeId) || c.initiatives.includes(own));
    },
  };
}

const ReferenceContext = createContext<Reference | null>(null);
const UnitsReloadContext = createContext<(() => Promise<void>) | null>(null);

export function ReferenceProvider({
  children,
  fallback,
  failure,
}: {
  children: ReactNode;
  fallback: ReactNode;
  failure: (error: Error) => ReactNode;
}) {
  const [state, setState] = useState<{ ref?: Reference; error?: Error }>({});
  useEffect(() => {
    let alive = true;
    (async () => {
      const [units, plan, list] = await Promise.all([
        api.get<Unit[]>('/api/units'),
        api.get<Plan>('/api/plan'),
        api.get<Array<{ id: string }>>('/api/templates'),
      ]);
      const templates = await Promise.all(
        list.map((t) => api.get<Template>(`/api/templates/${encodeURIComponent(t.id)}`)),
      );
      return buildReference(units, plan, templates);
    })()
      .then((ref) => alive && setState({ ref }))
      .catch((error: Error) => alive && setState({ error }));
    return () => {
      alive = false;
    };
  }, []);
  const value = useMemo(() => state.ref ?? null, [state.ref]);
  // After HR changes units (their display order), every page reads the new list.
  const reloadUnits = useCallback(async () => {
    const units = await api.get<Unit[]>('/api/units');
    setState((s) => (s.ref ? { ref: buildReference(units, s.ref.plan, s.ref.templates) } : s));
  }, []);
  if (state.error) return <>{failure(state.error)}</>;
  if (!value) return <>{fallback}</>;
  return (
    <ReferenceContext.Provider value={value}>
      <UnitsReloadContext.Provider value={reloadUnits}>{children}</UnitsReloadContext.Provider>
    </ReferenceContext.Provider>
  );
}

/** Reads the units again (after a change) so every page lists them as stored. */
export function useReloadUnits(): () => Promise<void> {
  const value = useContext(UnitsReloadContext);
  if (!value) throw new Error('useReloadUnits outside ReferenceProvider');
  return value;
}

export function useReference(): Reference {
  const value = useContext(ReferenceContext);
  if (!value) throw new Error('useReference outside ReferenceProvider');
  return value;
}
