/**
 * `npm run test:conformance`: the store's tests (and the API flow on top of
 * it) against DynamoDB Local, AWS's own emulator, so nothing passes only on
 * the embedded engine. The emulator's jar ships inside the registry package
 * amplify-dynamodb-simulator; it is fetched once with `npm pack` into
 * .cache/ (not a dependency) and run with Java.
 */
import { execFileSync } from 'node:child_process';
import { startDynamoDbLocal } from './dynamodb-local';

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

async function main() {
  const local = await startDynamoDbLocal();
  console.log(`DynamoDB Local ready at ${local.endpoint}`);
  let code = 1;
  try {
    execFileSync('npx', ['vitest', 'run', ...SUITES], {
      stdio: 'inherit',
      env: { ...process.env, KOE_TEST_DYNAMODB_ENDPOINT: local.endpoint, KOE_SKIP_WEB_BUILD: '1' },
    });
    code = 0;
  } catch {
    code = 1;
  } finally {
    local.stop();
  }
  process.exit(code);
}

main().catch((err) => fail((err as Error).message));
