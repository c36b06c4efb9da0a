import type { S3Client } from '@aws-sdk/client-s3';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  newUploadId,
  TICKET_SECONDS,
  type UploadStore,
  uploadMissing,
  uploadTooLarge,
} from './upload-store';

/** The key prefix of roster uploads: the admin function's IAM grant covers this prefix only. */
export const UPLOAD_PREFIX = 'roster-uploads/';

/**
 * Roster uploads in a private S3 bucket (infra/constructs/uploads.ts: SSE,
 * public access blocked, TLS only, objects expire after a day). The browser
 * PUTs the file to a presigned URL, so a roster larger than Lambda's 6 MB
 * payload never passes through the function; the import streams it back.
 */
export class S3UploadStore implements UploadStore {
  #client: Promise<S3Client> | undefined;

  /** The S3 SDK loads on the first upload, not at every function's start (it is in the admin function only). */
  constructor(
    private readonly bucket: string,
    private readonly region: string,
    readonly maxBytes = DEFAULT_MAX_UPLOAD_BYTES,
  ) {}

  private client(): Promise<S3Client> {
    this.#client ??= import('@aws-sdk/client-s3').then(
      ({ S3Client }) => new S3Client({ region: this.region }),
    );
    return this.#client;
  }

  async create(size: number) {
    if (size > this.maxBytes) throw uploadTooLarge(this.maxBytes);
    const uploadId = newUploadId();
    const contentType = 'application/octet-stream';
    const [{ PutObjectCommand }, { getSignedUrl }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    const url = await getSignedUrl(
      await this.client(),
      new PutObjectCommand({ Bucket: this.bucket, Key: this.key(uploadId), ContentType: contentType }),
      { expiresIn: TICKET_SECONDS },
    );
    return { uploadId, url, headers: { 'content-type': contentType }, expiresIn: TICKET_SECONDS };
  }

  async open(uploadId: string): Promise<AsyncIterable<Uint8Array>> {
    const Key = this.key(uploadId);
    const { GetObjectCommand, HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = await this.client();
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      if ((head.ContentLength ?? 0) > this.maxBytes) throw uploadTooLarge(this.maxBytes);
      const out = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      return out.Body as unknown as AsyncIterable<Uint8Array>;
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'NotFound' || name === 'NoSuchKey') throw uploadMissing();
      throw err;
    }
  }

  async delete(uploadId: string): Promise<void> {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await (await this.client()).send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(uploadId) }),
    );
  }

  private key(uploadId: string) {
    if (!/^[A-Za-z0-9_-]{22}$/.test(uploadId)) throw uploadMissing();
    return `${UPLOAD_PREFIX}${uploadId}`;
  }
}
