/**
 * The shape of a moving box (issue 19), shared by the browsers that seal and
 * open boxes (web/common/move.ts) and the server that keeps them
 * (functions/services/move.ts). Browser-safe and free of zod.
 *
 * A transfer code is 20 Crockford base32 characters (100 random bits),
 * grouped 4-4-4-4-4; an invitation code is 26, so a code typed alone says
 * which it is. From the code the browser derives the box id
 * (SHA-256 of "koe-move-id:" + kind + ":" + code, so a survey's
 * code finds nothing on the feedback page and the reverse) and an AES-256-GCM key (HKDF-SHA-256).
 */
export const MOVE_CODE_LENGTH = 20;
/** Sealed content is padded to whole blocks of this many bytes, so a box's size says little about what it holds. */
export const MOVE_BLOCK_BYTES = 2048;
/** AES-GCM: a 12-byte nonce before the ciphertext, a 16-byte tag after it. */
export const MOVE_OVERHEAD_BYTES = 28;
export const MOVE_MAX_BLOCKS = 32;
