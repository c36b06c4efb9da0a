import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';

/**
 * The session-signing secret, read from Secrets Manager with the Powertools
 * Parameters utility: cached in the function instance for
 * {@link SESSION_SECRET_MAX_AGE_SECONDS}, then read again, so a rotated
 * secret is in use within that time without a redeploy (sessions signed with
 * the old one then end: their holders sign in again).
 *
 * Only the admin function imports this module (it alone signs sessions), so
 * the Secrets Manager client is loaded by no other function.
 */
export const SESSION_SECRET_MAX_AGE_SECONDS = 300;

let shared: SecretsProvider | undefined;

export async function readSessionSecret(secretId: string, provider?: SecretsProvider): Promise<string> {
  // Made on first use: module initialisation connects nowhere.
  shared ??= provider ? undefined : new SecretsProvider();
  const value = await (provider ?? shared)!.get(secretId, { maxAge: SESSION_SECRET_MAX_AGE_SECONDS });
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (!text || text.length < 32) throw new Error('the session-signing secret is missing or too short');
  return text;
}
