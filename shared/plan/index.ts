/** The plan model: schemas, the source-row loader, validation and look-ups. */
export { PILLAR_IDS, PillarId, PRIORITY_IDS, PriorityId } from './ids';
export {
  FiscalYear,
  FiscalYearRange,
  INITIATIVE_KINDS,
  INITIATIVE_STATUSES,
  Initiative,
  InitiativeKind,
  InitiativeStatus,
  isRelisting,
  KIND_LABELS,
  MAX_PLAN_YEARS,
  Pillar,
  Plan,
  PlanShape,
  PrimaryInitiative,
  Priority,
  RelistedInitiative,
  STATUS_LABELS,
  Slug,
  StatusesByYear,
  yearsOf,
} from './schema';
export {
  expandStatuses,
  FIRST_YEAR_CELL,
  PlanSource,
  planFromSource,
  RELISTING_MARKER,
  SAME_AS_PREVIOUS_YEAR,
  SourceRow,
  SourceTable,
  stripRelistingMarker,
} from './source';
export { formatIssues, formatPath, fromZodIssues, PlanError, type PlanIssue, parsePlan } from './validate';
export {
  distinctInitiatives,
  findInitiative,
  initiativesByPillar,
  planFiscalYears,
  type ResolvedInitiative,
  resolveInitiative,
  statusIn,
} from './query';
