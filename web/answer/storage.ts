import { toBase64Url } from '../../shared/encoding/base64url';
import type { PendingToken } from './token';

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/**
 * Everything this browser keeps for one invitation, so that closing the tab
 * loses nothing. The token material is saved *before* the blinded message is
 * sent: a retry after a lost reply sends the same blinded message, which the
 * server answers with the same signature (a new one would get 409).
 */
export interface Progress {
  /** RFC 9474 prepared message (the token), blinded message and blinding inverse, base64url. */
  pending?: PendingToken;
  /** The finished credential: unblinded signature and the key that made it. */
  keyId?: string;
  signature?: string;
  answers: Answers;
  attributes: Record<string, string>;
  /** Where the person stopped: section index; sections.length = about you; + 1 = review. */
  step: number;
  receipt?: string;
  /**
   * The server said the sent answers are stored. Until then they are only held
   * for the next batch (a restart could lose them): the page checks and sends
   * them again (app.tsx), and this copy must not be dropped.
   */
  stored?: boolean;
  /** Answers changed after the last send and not sent yet. */
  unsent?: boolean;
}

export const emptyProgress = (): Progress => ({ answers: {}, attributes: {}, step: 0 });

/**
 * One record per invitation (campaign id and a hash of the code), so two
 * people answering on a shared computer never see each other's answers.
 */
export async function storageKey(campaignId: string, code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${campaignId}/${code}`));
  return `koe:answer:${campaignId}:${toBase64Url(new Uint8Array(digest)).slice(0, 22)}`;
}

export function load(key: string): Progress | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Progress;
    return value && typeof value === 'object' && value.answers ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Saves; false when the browser refuses (private mode, quota). */
export function save(key: string, progress: Progress): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

export function forget(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}
