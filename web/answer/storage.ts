import { keep, keptKey, readKept, unkeep } from '../common/kept';
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
  /** The person chose to keep the receipt (and the answers, to change them) on this device. */
  kept?: boolean;
}

export const emptyProgress = (): Progress => ({ answers: {}, attributes: {}, step: 0 });

/**
 * One record per invitation (campaign id and a hash of the code), so two
 * people answering on a shared computer never see each other's answers.
 */
export const storageKey = (campaignId: string, code: string): Promise<string> =>
  keptKey(`koe:answer:${campaignId}`, `${campaignId}/${code}`);

export const load = (key: string): Progress | undefined => readKept<Progress>(key, (p) => !!p.answers);

/** Saves; false when the browser refuses (private mode, quota). */
export const save = (key: string, progress: Progress): boolean => keep(key, progress);

export const forget = (key: string): void => unkeep(key);

/**
 * Whether this browser keeps a copy of the progress (issue 14). On a shared
 * device, never. Elsewhere while answering, and after sending while the
 * answers are only held for the next batch (A2: the page resends them if the
 * server loses them); once they are stored, only if the person chose to keep
 * the receipt. A change after sending is a draft again, kept until it is sent.
 */
export const keepsCopy = (p: Progress, shared: boolean): boolean =>
  !shared && (!p.receipt || !!p.unsent || !p.stored || !!p.kept);
