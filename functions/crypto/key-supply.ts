import { Worker } from 'node:worker_threads';
import {
  generateUnitKey,
  keyIdOf,
  UNIT_KEY_BITS,
  UNIT_KEY_PUBLIC_EXPONENT,
  type UnitKey,
} from './campaign-keys';

/**
 * Where a campaign or a feedback year gets its RSA-2048 signing keys.
 * By default each key is made when it is asked for, on Node's thread pool
 * (`generateUnitKey`). Locally, while the demo seeds, a WorkerKeySupply
 * makes them ahead on a worker thread, so that key generation (most of the
 * demo's work: about 150 keys of 0.1–0.5 s each) overlaps the answering of
 * the year before instead of following it. The keys are the same keys,
 * made the same way (OpenSSL's RSA key generation, e = 65537); they never
 * leave the process and are wrapped as soon as they are taken.
 */
export interface KeySupply {
  take(): Promise<UnitKey>;
}

// A classic script (eval workers are CommonJS): one key per message, the DER bytes moved, not copied.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { generateKeyPairSync } = require('node:crypto');
parentPort.on('message', ({ bits, exponent }) => {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicExponent: exponent,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const spki = new Uint8Array(pair.publicKey);
  const pkcs8 = new Uint8Array(pair.privateKey);
  pair.privateKey.fill(0);
  parentPort.postMessage({ spki, pkcs8 }, [spki.buffer, pkcs8.buffer]);
});
`;

interface Waiter {
  resolve: (key: UnitKey) => void;
  reject: (err: unknown) => void;
}

/**
 * How many keys a WorkerKeySupply makes before they are asked for: up to
 * `ahead` kept ready at any time, or, when the number that will be taken is
 * known (the demo seed's), that `total` made one after another from the
 * start, so the threads never wait for the next take. Either way a take that
 * finds none ready has one made for it.
 */
export type KeysAhead = { ahead: number; threads?: number } | { total: number; threads?: number };

/**
 * Keeps keys made in advance (KeysAhead), on `threads` worker threads.
 * `take()` hands out a ready key at once, or the next one made. If a worker
 * fails, the supply falls back to making keys on demand. `close()` stops the
 * workers and wipes the keys no one took.
 */
export class WorkerKeySupply implements KeySupply {
  private readonly ready: UnitKey[] = [];
  private readonly waiting: Waiter[] = [];
  private readonly idle: Worker[] = [];
  private readonly workers: Worker[] = [];
  private busy = 0;
  /** Keys asked of the workers so far. */
  private started = 0;
  private failed: unknown;
  private closed = false;

  constructor(private readonly options: KeysAhead) {
    const threads = Math.max(1, options.threads ?? 1);
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      // A worker waiting for work must not keep the process alive.
      worker.unref();
      worker.on('message', (m: { spki: Uint8Array; pkcs8: Uint8Array }) => this.made(worker, m));
      worker.on('error', (err) => this.fail(err));
      this.workers.push(worker);
      this.idle.push(worker);
    }
    this.fill();
  }

  /** Keys made and not yet taken (for tests and the bench). */
  get readyCount(): number {
    return this.ready.length;
  }

  take(): Promise<UnitKey> {
    if (this.failed !== undefined || this.closed) return generateUnitKey();
    const key = this.ready.shift();
    if (key) {
      this.fill();
      return Promise.resolve(key);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.fill();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const key of this.ready.splice(0)) key.privateKeyPkcs8.fill(0);
    for (const w of this.waiting.splice(0)) generateUnitKey().then(w.resolve, w.reject);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Starts workers while fewer keys are ready or being made than are wanted (KeysAhead, plus anyone waiting). */
  private fill(): void {
    if (this.closed || this.failed !== undefined) return;
    while (this.idle.length > 0 && this.wanted()) {
      const worker = this.idle.pop()!;
      this.busy++;
      this.started++;
      worker.ref();
      worker.postMessage({ bits: UNIT_KEY_BITS, exponent: UNIT_KEY_PUBLIC_EXPONENT });
    }
  }

  private wanted(): boolean {
    // Someone waits with no key on its way for them.
    if (this.busy < this.waiting.length) return true;
    if ('total' in this.options) return this.started < this.options.total;
    return this.ready.length + this.busy < this.options.ahead + this.waiting.length;
  }

  private made(worker: Worker, { spki, pkcs8 }: { spki: Uint8Array; pkcs8: Uint8Array }): void {
    this.busy--;
    worker.unref();
    this.idle.push(worker);
    const key: UnitKey = { keyId: keyIdOf(spki), publicKeySpki: spki, privateKeyPkcs8: pkcs8 };
    if (this.closed) pkcs8.fill(0);
    else {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(key);
      else this.ready.push(key);
    }
    this.fill();
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    this.failed = err;
    // Whoever waits gets a key made on demand instead: a broken worker costs time, not the campaign.
    for (const w of this.waiting.splice(0)) generateUnitKey().then(w.resolve, w.reject);
  }
}
