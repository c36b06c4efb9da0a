export {
  type BreakdownCell,
  type CellDisclosure,
  type Disclosure,
  type DisclosureOptions,
  discloseBreakdown,
  discloseCell,
  discloseUnitTree,
  type SuppressionReason,
  type UnitCount,
} from './engine';
export {
  DEFAULT_K,
  DEFAULT_K_SENSITIVE,
  DisclosureError,
  DisclosurePolicy,
  MIN_K,
  policyAtLeast,
  policyFrom,
  thresholdFor,
} from './policy';
export {
  type HiddenReason,
  hiddenReason,
  type PublishedCell,
  type PublishedCount,
  type PublishedDisclosure,
  type PublishedEntry,
  publishable,
  publishCell,
  publishCount,
  publishedN,
  publishValue,
} from './publish';
export { type GroupUnit, groupOfUnit, type KeyGroup, KeyGroupError, keyGroups } from './key-groups';
