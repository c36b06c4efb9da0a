import {
  MOVE_BLOCK_BYTES,
  MOVE_CODE_LENGTH,
  MOVE_MAX_BLOCKS,
  MOVE_OVERHEAD_BYTES,
} from '../../shared/crypto/move-box';
import { fromBase64Url, toBase64Url } from '../../shared/encoding/base64url';
import { CROCKFORD_ALPHABET, normaliseCode } from '../../shared/text/invitation-code';
import { requestJson } from './http';

/**
 * Moving what a staff page keeps to another of the person's devices (issue
 * 19), end to end encrypted: this device makes a random transfer code, seals
 * the content with a key derived from it, and leaves the ciphertext with the
 * server under a hash of the code; the other device, given the code (typed,
 * or in a link's fragment), takes the box once and opens it. The server
 * never sees the code, the key or the content. Sizes are whole blocks.
 */

const enc = new TextEncoder();

/** `ABCD-EFGH-JKMN-PQRS-TVWX`; a partial code is grouped as far as it goes. */
export const groupMoveCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? '';

/** A typed transfer code, folded as invitation codes are; undefined when it is not one. */
export function moveCodeOf(typed: string): string | undefined {
  const code = normaliseCode(typed);
  return code.length === MOVE_CODE_LENGTH && [...code].every((c) => CROCKFORD_ALPHABET.includes(c))
    ? code
    : undefined;
}

/** What a box holds: a survey (`answer`) or the year's feedback tokens (`feedback`); part of the id, so each page finds only its own. */
export type MoveKind = 'answer' | 'feedback';

async function derive(kind: MoveKind, code: string) {
  const id = toBase64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`koe-move-id:${kind}:${code}`))),
  );
  const base = await crypto.subtle.importKey('raw', enc.encode(code), 'HKDF', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('koe-move'), info: enc.encode('box-key') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { id, key };
}

/** Seals `content` and leaves it with the server; the transfer code on success, undefined when that failed. */
export async function leaveBox(
  kind: MoveKind,
  content: unknown,
): Promise<{ code: string; expiresAt: string } | undefined> {
  const random = crypto.getRandomValues(new Uint8Array(MOVE_CODE_LENGTH));
  const code = [...random].map((b) => CROCKFORD_ALPHABET[b & 31]).join('');
  const { id, key } = await derive(kind, code);
  const text = enc.encode(JSON.stringify(content));
  const blocks = Math.ceil((text.length + 1) / MOVE_BLOCK_BYTES);
  if (blocks > MOVE_MAX_BLOCKS) return undefined;
  // JSON ignores trailing spaces: the padding needs no length.
  const plain = new Uint8Array(blocks * MOVE_BLOCK_BYTES).fill(32);
  plain.set(text);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const box = new Uint8Array(MOVE_OVERHEAD_BYTES - 16 + sealed.length);
  box.set(iv);
  box.set(sealed, 12);
  const res = await requestJson<{ expiresAt: string }>('/api/public/moves', { id, box: toBase64Url(box) });
  return res.ok ? { code, expiresAt: res.body.expiresAt } : undefined;
}

/**
 * Takes the box a transfer code names and opens it. `missing`: no box (used,
 * expired, or a mistyped code); `network`: try again.
 */
export async function takeBox<T>(
  kind: MoveKind,
  code: string,
): Promise<{ content: T } | { problem: 'missing' | 'network' }> {
  const { id, key } = await derive(kind, code);
  const res = await requestJson<{ box: string }>('/api/public/moves/take', { id });
  if (!res.ok) return { problem: res.status === 404 ? 'missing' : 'network' };
  try {
    const box = fromBase64Url(res.body.box);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.slice(0, 12) }, key, box.slice(12));
    return { content: JSON.parse(new TextDecoder().decode(plain)) as T };
  } catch {
    return { problem: 'missing' };
  }
}
