import { fromBase64Url, toBase64Url } from '../../shared/encoding/base64url';
import { blind, finalize, importPublicKey, prepare } from '../../shared/crypto/blind-rsa-client';

/**
 * The token of DESIGN §3 as the browser keeps it: base64url strings that
 * survive a closed tab. The blinded message and its inverse are kept with the
 * token until the signature arrives, so a retry sends the very same blinded
 * message (a different one would be refused with 409 code_used).
 */
export interface PendingToken {
  /** The prepared message: what is later sent as `token`. */
  token: string;
  blinded: string;
  inv: string;
}

/** Makes a random token and blinds it for the unit's key (SPKI DER, base64url). */
export async function blindToken(spki: string): Promise<PendingToken> {
  const pk = await importPublicKey(fromBase64Url(spki));
  const token = prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await blind(pk, token);
  return { token: toBase64Url(token), blinded: toBase64Url(blindedMsg), inv: toBase64Url(inv) };
}

/** Unblinds the server's blind signature and checks it; throws when it does not verify. */
export async function finalizeToken(
  spki: string,
  pending: PendingToken,
  blindSignature: string,
): Promise<string> {
  const pk = await importPublicKey(fromBase64Url(spki));
  const signature = await finalize(
    pk,
    fromBase64Url(pending.token),
    fromBase64Url(blindSignature),
    fromBase64Url(pending.inv),
  );
  return toBase64Url(signature);
}
