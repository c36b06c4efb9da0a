/**
 * The passphrase of `npm run backup` / `npm run restore`: from
 * KOE_BACKUP_PASSPHRASE, or typed at a prompt without echo. Never a
 * command-line argument (it would stay in the shell history and `ps`).
 */
import * as z from 'zod';

const Passphrase = z
  .string()
  .min(12, 'パスフレーズは12文字以上にしてください / the passphrase needs at least 12 characters');

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new Error(
        'パスフレーズを KOE_BACKUP_PASSPHRASE で渡すか、端末から実行してください / set KOE_BACKUP_PASSPHRASE or run from a terminal',
      ),
    );
  }
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled / 中止しました'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The passphrase; `confirm` asks twice at a prompt (backup). */
export async function backupPassphrase(confirm: boolean): Promise<string> {
  const fromEnv = process.env.KOE_BACKUP_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return Passphrase.parse(fromEnv);
  const first = Passphrase.parse(await readHidden('バックアップのパスフレーズ / backup passphrase: '));
  if (confirm) {
    const again = await readHidden('もう一度 / again: ');
    if (again !== first) throw new Error('パスフレーズが一致しません / the passphrases differ');
  }
  return first;
}

/** A one-line message for an error, without a stack for the ones we expect. */
export function problem(err: unknown): string {
  if (err instanceof z.ZodError) return err.issues.map((i) => i.message).join('; ');
  return err instanceof Error ? err.message : String(err);
}
