import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../services/errors';

/**
 * Where a large roster upload waits between the browser's PUT and the import
 * (issue 16). On AWS a private S3 bucket, filled through a presigned URL
 * (uploads/s3-upload-store.ts); locally files under the data directory,
 * filled by a PUT to koe itself. The console drives both the same way.
 * Uploads expire after a day and are deleted after an import.
 */
export interface UploadTicket {
  url: string;
  headers: Record<string, string>;
  expiresIn: number;
}

export interface UploadStore {
  /** The largest upload, in bytes. */
  readonly maxBytes: number;
  /** A fresh upload id and where to PUT its bytes. */
  create(size: number): Promise<{ uploadId: string } & UploadTicket>;
  /** Local only: takes the bytes of a PUT to koe. Undefined on AWS (the browser PUTs to S3). */
  receive?(uploadId: string, body: AsyncIterable<Uint8Array>): Promise<void>;
  /** The uploaded bytes as a stream; not_found when there is none (never sent, expired, deleted). */
  open(uploadId: string): Promise<AsyncIterable<Uint8Array>>;
  delete(uploadId: string): Promise<void>;
}

/** Seconds a ticket stays valid, and the age after which an upload is gone. */
export const UPLOAD_TTL_SECONDS = 24 * 60 * 60;
export const TICKET_SECONDS = 15 * 60;
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const newUploadId = () => randomBytes(16).toString('base64url');

export const uploadMissing = () =>
  new DomainError(
    'not_found',
    'upload_not_found',
    'アップロードされたファイルが見つかりません（期限切れか取り込み済み） / no such upload (expired or already imported)',
  );

export const uploadTooLarge = (max: number) =>
  new DomainError(
    'invalid',
    'upload_too_large',
    `ファイルが大きすぎます（上限 ${Math.floor(max / 1024 / 1024)} MB） / the file is too large (at most ${Math.floor(max / 1024 / 1024)} MB)`,
  );

/**
 * Uploads as files under `<dataDir>/uploads`: `<id>.ticket` (the size asked
 * for and when it expires) written by create, `<id>` by the PUT (through a
 * temporary file, renamed when whole), both removed by delete; anything older
 * than a day is swept at each create.
 */
export class LocalUploadStore implements UploadStore {
  private readonly dir: string;

  constructor(
    dataDir: string,
    readonly maxBytes = DEFAULT_MAX_UPLOAD_BYTES,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = path.join(dataDir, 'uploads');
  }

  async create(size: number) {
    if (size > this.maxBytes) throw uploadTooLarge(this.maxBytes);
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.sweep();
    const uploadId = newUploadId();
    const ticket = { size, expiresAt: this.now().getTime() + TICKET_SECONDS * 1000 };
    await fs.writeFile(this.file(uploadId, '.ticket'), JSON.stringify(ticket), { mode: 0o600 });
    return {
      uploadId,
      url: `/api/roster/uploads/${uploadId}`,
      headers: { 'content-type': 'application/octet-stream' },
      expiresIn: TICKET_SECONDS,
    };
  }

  async receive(uploadId: string, body: AsyncIterable<Uint8Array>): Promise<void> {
    let ticket: { size: number; expiresAt: number };
    try {
      ticket = JSON.parse(await fs.readFile(this.file(uploadId, '.ticket'), 'utf8'));
    } catch {
      throw uploadMissing();
    }
    if (ticket.expiresAt < this.now().getTime()) throw uploadMissing();
    const limit = Math.min(this.maxBytes, ticket.size);
    let seen = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > limit ? uploadTooLarge(limit) : null, chunk);
      },
    });
    const part = this.file(uploadId, `.${newUploadId()}.part`);
    try {
      await pipeline(Readable.from(body), count, createWriteStream(part, { mode: 0o600 }));
      await fs.rename(part, this.file(uploadId));
    } catch (err) {
      await fs.rm(part, { force: true });
      throw err;
    }
  }

  async open(uploadId: string): Promise<AsyncIterable<Uint8Array>> {
    const file = this.file(uploadId);
    try {
      const stat = await fs.stat(file);
      if (stat.mtimeMs + UPLOAD_TTL_SECONDS * 1000 < this.now().getTime()) throw uploadMissing();
    } catch {
      throw uploadMissing();
    }
    return createReadStream(file, { highWaterMark: 64 * 1024 });
  }

  async delete(uploadId: string): Promise<void> {
    await fs.rm(this.file(uploadId), { force: true });
    await fs.rm(this.file(uploadId, '.ticket'), { force: true });
  }

  private file(uploadId: string, suffix = '') {
    if (!/^[A-Za-z0-9_-]{22}$/.test(uploadId)) throw uploadMissing();
    return path.join(this.dir, `${uploadId}${suffix}`);
  }

  private async sweep() {
    const cutoff = this.now().getTime() - UPLOAD_TTL_SECONDS * 1000;
    for (const name of await fs.readdir(this.dir)) {
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
    }
  }
}
