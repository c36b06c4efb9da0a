import { Buffer } from 'node:buffer';
import { InvalidBase64UrlError } from './errors';

/** Binary values in the API travel as base64url without padding (DESIGN §6). */

const ALPHABET = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Strict decoding: only the base64url alphabet, no padding, no whitespace,
 * and the canonical form only (unused trailing bits must be zero), so one
 * byte string has exactly one spelling. Throws `InvalidBase64UrlError`.
 */
export function decodeBase64Url(text: string): Uint8Array {
  if (!ALPHABET.test(text)) throw new InvalidBase64UrlError('base64url: invalid character');
  if (text.length % 4 === 1) throw new InvalidBase64UrlError('base64url: invalid length');
  const decoded = Buffer.from(text, 'base64url');
  if (decoded.toString('base64url') !== text) {
    throw new InvalidBase64UrlError('base64url: non-canonical trailing bits');
  }
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}
