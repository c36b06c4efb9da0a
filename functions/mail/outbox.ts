import { randomUUID } from 'node:crypto';
import { promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type MailMessage, type MailSender, renderEml } from './message';

/**
 * Local mail: each message becomes one `.eml` file in `<dataDir>/outbox/`
 * (folder 0700, files 0600: they hold codes). Open one in a mail client, or
 * hand the folder to a mail relay. The file names are random, so their order
 * says nothing about whom a message is for.
 */
export class OutboxMailSender implements MailSender {
  #ready: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    readonly from = 'koe <koe@localhost>',
    readonly now: () => Date = () => new Date(),
  ) {}

  #prepare(): Promise<void> {
    this.#ready ??= (async () => {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      // mkdir keeps an existing folder's mode, and umask may loosen nothing but can tighten: set it.
      await fs.chmod(this.dir, 0o700);
    })().catch((err) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#prepare();
    const eml = renderEml(message, this.from, this.now());
    const file = path.join(this.dir, `${randomUUID()}.eml`);
    // Written in place, not on the thread pool: a small new file on a local disk (no fsync) takes a
    // few tens of microseconds, and the pool's open, write and close hand-offs cost twice the CPU of
    // the write itself — at 100,000 invitations, seconds of the e-mail stage (issue 18).
    writeFileSync(file, eml, { mode: 0o600, flag: 'wx' });
  }
}
