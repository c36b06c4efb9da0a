import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The dependency arrows of docs/DESIGN.md §1 are enforced by `npm run check`
 * (biome.json overrides): shared/ and web/ import no Node module, shared/
 * imports nothing outside itself, web/ nothing of functions/, infra/ or
 * scripts/, and functions/services/ nothing of functions/api/ (the API calls
 * the services, never the other way round). Bad imports in a copy of the tree with the project's biome.json
 * must be caught, and good ones let through.
 */
const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules/.bin/biome');
const dir = mkdtempSync(path.join(tmpdir(), 'koe-arrows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  copyFileSync(path.join(root, 'biome.json'), path.join(dir, 'biome.json'));
  try {
    execFileSync(biome, ['lint', '--max-diagnostics=50', ...Object.keys(files)], { cwd: dir, stdio: 'pipe' });
    return '';
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    return `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`;
  }
}

describe('the dependency arrows', () => {
  it('catch a Node module or a server import in web/ and shared/', () => {
    const out = lint({
      'web/answer/bad.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      'web/console/bad.ts':
        "import { createApi } from '../../functions/api/app';\nexport const b = createApi;\n",
      'shared/bad.ts': "import { KoeStack } from '../infra/koe-stack';\nexport const c = KoeStack;\n",
      'shared/worse.ts': "import { createHash } from 'node:crypto';\nexport const d = createHash;\n",
    });
    expect(out).toMatch(/web\/answer\/bad\.ts.*noNodejsModules/);
    expect(out).toMatch(/web\/console\/bad\.ts.*noRestrictedImports/);
    expect(out).toMatch(/shared\/bad\.ts.*noRestrictedImports/);
    expect(out).toMatch(/shared\/worse\.ts.*noNodejsModules/);
  });

  it('catch functions/services/ importing functions/api/, by value or by type', () => {
    const out = lint({
      'functions/services/bad.ts':
        "import { HttpError } from '../api/http-error';\nexport const e = HttpError;\n",
      'functions/services/types.ts':
        "import type { AppDeps } from '../api/deps';\nexport type D = AppDeps;\n",
      'functions/services/deep.ts':
        "import { createApi } from '../../functions/api/app';\nexport const a = createApi;\n",
      'functions/services/zod.ts': "import { z } from 'zod';\nexport const s = z.string();\n",
    });
    expect(out).toMatch(/functions\/services\/bad\.ts.*noRestrictedImports/);
    expect(out).toMatch(/functions\/services\/types\.ts.*noRestrictedImports/);
    expect(out).toMatch(/functions\/services\/deep\.ts.*noRestrictedImports/);
    // The override keeps the project-wide zod rule.
    expect(out).toMatch(/functions\/services\/zod\.ts.*noRestrictedImports/);
  });

  it('let web/ import shared/, functions/ import node modules, and the API and scripts/ call the services', () => {
    const out = lint({
      'web/answer/good.ts': "import { x } from '../../shared/x';\nexport const a = x;\n",
      'shared/x.ts': "import * as z from 'zod';\nexport const x = z.string();\n",
      'functions/ok.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
      // The API calls the services; services use shared/ (its own api/ folder too), the store and Node.
      'functions/api/routes/ok.ts':
        "import { listUnits } from '../../services/units';\nimport { HttpError } from '../http-error';\nexport const r = [listUnits, HttpError];\n",
      'functions/services/ok.ts':
        "import { readFileSync } from 'node:fs';\nimport * as z from 'zod';\nimport { ROLES } from '../../shared/api/auth';\nimport { testStore } from '../store';\nexport const s = [readFileSync, z, ROLES, testStore];\n",
      'scripts/ok.ts':
        "import { createApi } from '../functions/api/app';\nimport { listUnits } from '../functions/services/units';\nexport const t = [createApi, listUnits];\n",
    });
    expect(out).toBe('');
  });
});
