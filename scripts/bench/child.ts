import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/**
 * Benchmarks that must not share a process with the harness — a server under
 * load, a memory measurement, a cold start — run in a fresh Node process
 * (TypeScript through tsx) and talk to the harness over IPC: the harness sends
 * `{ id, cmd, arg }`, the child answers `{ id, ok, value | error }`.
 */

interface Request {
  id: number;
  cmd: string;
  arg: unknown;
}
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface Child {
  call<T>(cmd: string, arg?: unknown): Promise<T>;
  /** Asks the child to exit and waits for it. */
  stop(): Promise<void>;
  pid: number;
}

const tsx = import.meta.resolve('tsx');

/** Starts `file` (relative to scripts/bench/) in a fresh process; resolves once it is ready. */
export async function startChild(
  file: string,
  options: { execArgv?: string[]; env?: Record<string, string> } = {},
): Promise<Child> {
  const proc: ChildProcess = fork(path.join(import.meta.dirname, file), [], {
    execArgv: ['--import', tsx, ...(options.execArgv ?? [])],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.env },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited: Error | undefined;
  const failAll = (error: Error) => {
    exited = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  proc.on('message', (message: Reply | 'ready') => {
    if (message === 'ready') return;
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.ok) p.resolve(message.value);
    else p.reject(new Error(`${file}: ${message.error}`));
  });
  proc.on('exit', (code, signal) => failAll(new Error(`${file} exited (${signal ?? code})`)));
  await new Promise<void>((resolve, reject) => {
    proc.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`${file}: unexpected ${m}`))));
    proc.once('exit', (code) => reject(new Error(`${file} exited before it was ready (${code})`)));
  });
  let next = 0;
  return {
    pid: proc.pid!,
    call<T>(cmd: string, arg?: unknown): Promise<T> {
      if (exited) return Promise.reject(exited);
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ id, cmd, arg } satisfies Request);
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.send({ id: -1, cmd: 'exit', arg: null } satisfies Request);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** The child's side: answers the harness's calls with `handlers`, then says it is ready. */
export function serveHarness(
  handlers: Record<string, (arg: never) => unknown>,
  onExit?: () => Promise<void>,
) {
  process.on('message', async (message: Request) => {
    if (message.cmd === 'exit') {
      await onExit?.();
      process.disconnect();
      process.exit(0);
    }
    const handler = handlers[message.cmd];
    try {
      if (!handler) throw new Error(`no command ${message.cmd}`);
      const value = await handler(message.arg as never);
      process.send!({ id: message.id, ok: true, value } satisfies Reply);
    } catch (err) {
      process.send!({
        id: message.id,
        ok: false,
        error: (err as Error).stack ?? String(err),
      } satisfies Reply);
    }
  });
  process.send!('ready');
}
