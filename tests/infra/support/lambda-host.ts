import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A built Lambda bundle in a fresh Node process, driven over IPC the way the
 * Lambda runtime drives it: import the module once (timed), then call its
 * `handler(event, context)` for each event.
 */
const HOST = `
const [file] = process.argv.slice(1);
const started = performance.now();
const mod = await import(file);
process.send({ ready: true, initMs: performance.now() - started });
process.on('message', async ({ id, event }) => {
  const context = { awsRequestId: 'req-' + id, getRemainingTimeInMillis: () => 30000 };
  try {
    process.send({ id, result: await mod.handler(event, context) });
  } catch (err) {
    process.send({ id, error: { name: err?.name, message: err?.message } });
  }
});
`;

export interface LambdaHost {
  /** Time to import the bundle in this fresh process, ms. */
  initMs: number;
  invoke<T = unknown>(event: unknown): Promise<T>;
  /** Everything the process wrote to stdout and stderr (its CloudWatch logs on AWS). */
  logs(): string;
  close(): void;
}

export async function startLambdaHost(fileUrl: string, env: NodeJS.ProcessEnv): Promise<LambdaHost> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', HOST, fileUrl], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const initMs = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host exited (${code}): ${output}`)));
    child.on(
      'message',
      (message: {
        ready?: boolean;
        initMs?: number;
        id?: number;
        result?: unknown;
        error?: { name: string; message: string };
      }) => {
        if (message.ready) return resolve(message.initMs!);
        const call = pending.get(message.id!);
        pending.delete(message.id!);
        if (message.error)
          call?.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
        else call?.resolve(message.result);
      },
    );
  });
  return {
    initMs,
    invoke: <T>(event: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, event });
      }),
    logs: () => output,
    close: () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}
