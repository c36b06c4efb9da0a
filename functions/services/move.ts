import type { MoveBoxContent, MoveBoxCreated, MoveBoxPut } from '../../shared/api/public';
import { MOVE_BLOCK_BYTES, MOVE_MAX_BLOCKS, MOVE_OVERHEAD_BYTES } from '../../shared/crypto/move-box';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';

/**
 * Moving boxes (issue 19): one person's draft, sent survey or feedback
 * tokens on their way from one device to another, end-to-end encrypted by
 * the browsers (web/common/move.ts). The server keeps ciphertext it cannot
 * open, under a hash of a transfer code it never sees, for a day at most,
 * and hands it out once. It learns nothing it could link to an invitation or
 * an answer: every box is a whole number of equal blocks, and the expiry is
 * rounded to the hour.
 */

/** How long an untaken box waits. */
export const MOVE_HOURS = 24;

const HOUR_MS = 3_600_000;

/** Decoded size of a base64url string without padding. */
const decodedBytes = (b64: string) => Math.floor((b64.length * 3) / 4);

export async function putMoveBox(deps: AppDeps, input: MoveBoxPut): Promise<MoveBoxCreated> {
  const sealed = decodedBytes(input.box) - MOVE_OVERHEAD_BYTES;
  if (sealed <= 0 || sealed % MOVE_BLOCK_BYTES !== 0 || sealed / MOVE_BLOCK_BYTES > MOVE_MAX_BLOCKS)
    throw new DomainError(
      'invalid',
      'invalid_box',
      `a box is a 12-byte nonce, whole ${MOVE_BLOCK_BYTES}-byte blocks (at most ${MOVE_MAX_BLOCKS}) and a 16-byte tag`,
    );
  const now = deps.now?.() ?? new Date();
  const expiresAt = new Date(Math.ceil((now.getTime() + MOVE_HOURS * HOUR_MS) / HOUR_MS) * HOUR_MS);
  const fresh = await deps.store.moves.put({
    id: input.id,
    box: input.box,
    expiresAt: expiresAt.toISOString(),
  });
  // Two devices cannot make the same 100-bit code by chance: a second put of one id is a replay.
  if (!fresh) throw new DomainError('conflict', 'box_exists', 'a box with this id is already waiting');
  return { expiresAt: expiresAt.toISOString() };
}

/** Takes a box out, once; an expired or taken box is the same "not found". */
export async function takeMoveBox(deps: AppDeps, id: string): Promise<MoveBoxContent> {
  const now = deps.now?.() ?? new Date();
  const record = await deps.store.moves.take(id);
  if (!record || record.expiresAt <= now.toISOString())
    throw new DomainError(
      'not_found',
      'unknown_box',
      'no box waits for this transfer code (used or expired)',
    );
  return { box: record.box };
}

/** Deletes boxes nobody took; run by the scheduler. */
export const sweepMoveBoxes = (deps: AppDeps, now: Date): Promise<number> => deps.store.moves.sweep(now);
