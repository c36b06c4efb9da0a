import { type KeyGroup, KeyGroupError, policyFrom } from '../../../shared/disclosure';
import { rosterKeyGroups } from '../../../shared/disclosure/organisation-group';
import { generateUnitKey, newCampaignSecret, unwrapPrivateKey } from '../../crypto';
import type { AppDeps } from '../../deps';
import type { FeedbackKeyRecord, FeedbackYearRecord } from '../../store/feedback';
import { DomainError } from '../errors';

/** A year's feedback set-up: its code secret, its key groups and one signing key per group. */

/** KMS encryption contexts: the code secret (delivery only) and a group's signing key (public only). */
export const feedbackSecretContext = (fiscalYear: number) => `feedback/${fiscalYear}#codes`;

export const feedbackKeyContext = (fiscalYear: number, groupId: string) =>
  `feedback/${fiscalYear}/${groupId}`;

/** The fewest people a feedback key serves: k_sensitive. */
export const feedbackKeyGroupSize = (): number => policyFrom().kSensitive;

/**
 * Key groups from the roster's unit counts (DESIGN §3, A1 and A3 for posts):
 * no feedback key serves fewer than k_sensitive people, so a post, which
 * carries its key's group and nothing finer, is among at least that many.
 */
async function groupsFromRoster(deps: AppDeps): Promise<KeyGroup[]> {
  const [units, staff] = await Promise.all([
    deps.store.directory.listUnits(),
    deps.store.directory.listStaff(),
  ]);
  const kSensitive = feedbackKeyGroupSize();
  // Several top-level units: a small one joins the others under the whole
  // organisation's group instead of refusing the year (as campaigns do).
  try {
    return rosterKeyGroups(units, staff, kSensitive);
  } catch (err) {
    if (!(err instanceof KeyGroupError)) throw err;
    throw new DomainError(
      'conflict',
      'too_few_staff',
      `feedback needs groups of at least ${kSensitive} people on the roster: ${err.message}`,
    );
  }
}

/**
 * A year's feedback set-up, made once: a wrapped secret for the codes, the
 * key groups (fixed for the year) and one RSA-2048 key per group.
 */
export async function ensureFeedbackYear(deps: AppDeps, fiscalYear: number): Promise<FeedbackYearRecord> {
  const { feedback } = deps.store;
  const year =
    (await feedback.getYear(fiscalYear)) ??
    (await feedback.createYear({
      fiscalYear,
      secret: await deps.keys.wrap(newCampaignSecret(), feedbackSecretContext(fiscalYear)),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
      groups: await groupsFromRoster(deps),
    }));
  const have = new Set((await feedback.listKeys(fiscalYear)).map((k) => k.groupId));
  const missing = year.groups.filter((g) => !have.has(g.id));
  const keys: FeedbackKeyRecord[] = [];
  const plan = missing.length > 0 ? await deps.store.plan.getPlan() : undefined;
  for (let i = 0; i < missing.length; i += 8) {
    keys.push(
      ...(await Promise.all(
        missing.slice(i, i + 8).map(async (group) => {
          const key = await (deps.signingKeys?.take() ?? generateUnitKey());
          return {
            fiscalYear,
            groupId: group.id,
            keyId: key.keyId,
            publicKeySpki: key.publicKeySpki,
            ...(plan ? { planName: plan.title } : {}),
            wrappedPrivateKey: await deps.keys.wrap(
              key.privateKeyPkcs8,
              feedbackKeyContext(fiscalYear, group.id),
            ),
          };
        }),
      )),
    );
  }
  await feedback.putKeys(keys);
  return year;
}

export async function keyOfGroup(
  deps: AppDeps,
  fiscalYear: number,
  groupId: string,
): Promise<FeedbackKeyRecord> {
  const key = (await deps.store.feedback.listKeys(fiscalYear))
    .filter((k) => k.groupId === groupId)
    .sort((a, b) => (a.keyId < b.keyId ? -1 : 1))[0];
  if (!key)
    throw new DomainError('conflict', 'feedback_not_open', 'feedback is not set up for your unit this year');
  return key;
}

/** The code's group key, unwrapped (only the public function may: A6). */
export async function groupPrivateKey(deps: AppDeps, entry: { fiscalYear: number; groupId: string }) {
  const key = await keyOfGroup(deps, entry.fiscalYear, entry.groupId);
  const privateKey = await unwrapPrivateKey(
    deps.keys,
    new Uint8Array(key.wrappedPrivateKey),
    feedbackKeyContext(entry.fiscalYear, entry.groupId),
    key.keyId,
  );
  return { key, privateKey };
}
