/**
 * Where the answer and post buffers keep what they acknowledged until its
 * batch is written (issue 20). The local runtime gives them an encrypted,
 * fsynced journal in the data directory (functions/local/journal.ts); on AWS
 * there is none, and the browser's resubmission keeps an answer safe.
 */

export type JournalKind = 'answer' | 'post';

export interface JournalEntry {
  kind: JournalKind;
  key: string;
  value: unknown;
}

export interface DurableJournal {
  /** Writes or replaces an entry; resolves once it is on disk. */
  put(kind: JournalKind, key: string, value: unknown): Promise<void>;
  /** Deletes entries whose batch is written. */
  remove(kind: JournalKind, keys: string[]): Promise<void>;
}
