/**
 * A key fingerprint as people compare it (A4): SHA-256 of the public key's
 * SPKI DER, in lower-case hex, in groups of four separated by spaces. The
 * server and the answer page compute it the same way.
 */
export function formatFingerprint(sha256: Uint8Array): string {
  const hex = Array.from(sha256, (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{1,4}/g)!.join(' ');
}

/** The fingerprint of an SPKI DER public key, with WebCrypto (browsers and node alike). */
export async function fingerprintOf(spki: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(spki));
  return formatFingerprint(new Uint8Array(digest));
}
