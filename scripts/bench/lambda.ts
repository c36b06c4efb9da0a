import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { BuildOptions } from 'esbuild';
import { fmt, median, type Section } from './report';

export const LAMBDA_BUNDLE_BUDGET_BYTES = 500 * 1024;
export const LAMBDA_INIT_BUDGET_MS = 200;

/**
 * DESIGN §7's recorded exception: the report function renders PDF and xlsx
 * (pdf-lib, fontkit, exceljs; its font is a file beside the bundle).
 */
const EXCEPTIONS: Record<string, { bytes: number; initMs: number; why: string }> = {
  report: {
    bytes: 2.5 * 1024 * 1024,
    initMs: 400,
    why: 'recorded exception (DESIGN §7): pdf-lib, fontkit, exceljs',
  },
};

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Settings {
  options: BuildOptions;
  entries: Record<string, string>;
  source: string;
}

/**
 * The esbuild settings the stack deploys with (infra/bundling.ts) when they
 * exist; otherwise the design's own: ESM, minified, for Node on Lambda, the
 * AWS SDK left to the runtime, one bundle per functions/lambda/*.ts that
 * exports a handler.
 */
async function settings(): Promise<Settings> {
  const shared = path.join(root, 'infra/bundling.ts');
  if (existsSync(shared)) {
    const mod = (await import(pathToFileURL(shared).href)) as {
      LAMBDA_ESBUILD?: BuildOptions;
      LAMBDA_ENTRIES?: Record<string, string>;
    };
    if (mod.LAMBDA_ESBUILD && mod.LAMBDA_ENTRIES) {
      return { options: mod.LAMBDA_ESBUILD, entries: mod.LAMBDA_ENTRIES, source: 'infra/bundling.ts' };
    }
  }
  const dir = path.join(root, 'functions/lambda');
  const entries: Record<string, string> = {};
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (/export\s+(const|async function|function)\s+handler\b/.test(text)) {
      entries[file.replace(/\.ts$/, '')] = `functions/lambda/${file}`;
    }
  }
  return {
    options: {
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      external: ['@aws-sdk/*'],
      outExtension: { '.js': '.mjs' },
    },
    entries,
    source: 'the bench’s own settings (no infra/bundling.ts)',
  };
}

/** Module initialisation of a bundle in a fresh Node process: from before its import to after. */
async function initMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return Number(stdout);
}

/** DESIGN §7: each function bundle ≤ 500 KB minified; module init ≤ 200 ms. */
export async function lambdaBench(quick: boolean): Promise<Section> {
  const { build } = await import('esbuild');
  const { options, entries, source } = await settings();
  if (Object.keys(entries).length === 0) throw new Error('no Lambda entries in functions/lambda');
  // Inside the project, so the externals (@aws-sdk/*, which the Lambda runtime provides) resolve from node_modules.
  const outdir = path.join(root, 'node_modules/.cache/koe-bench-lambda');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  // A module of nothing: the cost of a fresh process importing any file (the reference); and the AWS SDK
  // clients every function imports, alone: the part of module init that is not koe's own code.
  const empty = path.join(outdir, 'empty.mjs');
  await writeFile(empty, 'export {};\n');
  const sdk = path.join(outdir, 'sdk.mjs');
  await writeFile(sdk, "import '@aws-sdk/client-dynamodb';\nimport '@aws-sdk/lib-dynamodb';\n");
  const repeats = quick ? 1 : 9;
  try {
    await build({
      ...options,
      entryPoints: Object.fromEntries(
        Object.entries(entries).map(([name, file]) => [name, path.join(root, file)]),
      ),
      outdir,
      write: true,
      logLevel: 'silent',
    });
    const extension = options.outExtension?.['.js'] ?? '.js';
    const rows: Section['rows'] = [];
    const emptyTimes: number[] = [];
    const sdkTimes: number[] = [];
    const inits = new Map<string, number[]>();
    // Interleaved: each round imports every bundle once, and the empty module, each in its own process.
    for (let r = 0; r < repeats; r++) {
      emptyTimes.push(await initMs(empty));
      sdkTimes.push(await initMs(sdk));
      for (const name of Object.keys(entries)) {
        inits.set(name, [...(inits.get(name) ?? []), await initMs(path.join(outdir, `${name}${extension}`))]);
      }
    }
    for (const name of Object.keys(entries)) {
      const bytes = statSync(path.join(outdir, `${name}${extension}`)).size;
      const times = inits.get(name)!;
      const init = Math.min(...times);
      const budget = EXCEPTIONS[name] ?? { bytes: LAMBDA_BUNDLE_BUDGET_BYTES, initMs: LAMBDA_INIT_BUDGET_MS };
      const why = EXCEPTIONS[name] ? `; ${EXCEPTIONS[name].why}` : '';
      rows.push(
        {
          name: `${name}: bundle, minified`,
          measured: `${(bytes / 1024).toFixed(1)} KiB`,
          budget: `≤ ${budget.bytes / 1024} KiB`,
          met: bytes <= budget.bytes,
          note: `${entries[name]}; @aws-sdk/* external (the runtime's)${why}`,
        },
        {
          name: `${name}: module init, fresh process`,
          measured: fmt.ms(init),
          budget: `≤ ${budget.initMs} ms`,
          met: init <= budget.initMs,
          note: `fastest of ${times.length} fresh processes, median ${fmt.ms(median(times))}; incl. loading the AWS SDK it imports`,
        },
      );
    }
    rows.push({
      name: 'AWS SDK DynamoDB client alone, fresh process (reference)',
      measured: fmt.ms(Math.min(...sdkTimes)),
      note: `fastest of ${sdkTimes.length}, median ${fmt.ms(median(sdkTimes))}: @aws-sdk/client-dynamodb and lib-dynamodb, which every bundle imports and the runtime provides`,
    });
    rows.push({
      name: 'importing an empty module, fresh process (reference)',
      measured: fmt.ms(Math.min(...emptyTimes)),
      note: `fastest of ${emptyTimes.length}, median ${fmt.ms(median(emptyTimes))}`,
    });
    return {
      title: 'Lambda bundles',
      rows,
      method: `
Each entry of functions/lambda is bundled with esbuild using ${source} (${options.format}, ${options.minify ? 'minified' : 'not minified'}, platform ${options.platform}, target ${options.target}, external ${(options.external ?? []).join(', ')}); the size is the bundle file alone (no source map). Module init is the time from
just before \`import()\` of the bundle to just after, in a fresh \`node\` process for each measurement
(this machine's Node ${process.version}, not Lambda's), including loading the parts of the AWS SDK the bundle
imports, which the Lambda runtime provides. Bundles and the reference are measured in interleaved
rounds, ${repeats} processes each; the budget is judged on the fastest, the run least disturbed by other work on a
shared machine (as tests/infra/bundles.test.ts does), and the median is given beside it. Sizes in KiB.
`,
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
