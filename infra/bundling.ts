import path from 'node:path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { REPORT_FONT, REPORT_FONT_FILE } from '../functions/report/font';

/**
 * How koe's Lambda functions are built: one set of esbuild settings, used by
 * the stack (through NodejsFunction) and by the bundle test (through
 * esbuild's API), so the test builds exactly what is deployed.
 */

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** Node.js major version of the Lambda runtime, and the esbuild target that matches it. */
export const NODE_MAJOR = 24;
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

export const LAMBDA_ESBUILD = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: `node${NODE_MAJOR}`,
  minify: true,
  /** A linked `.map` beside the bundle, for reading stack traces (not loaded at run time by default). */
  sourcemap: 'linked',
  sourcesContent: false,
  /** Prefer packages' ES module builds: they tree-shake. */
  mainFields: ['module', 'main'],
  /**
   * The Lambda Node.js runtime ships the AWS SDK v3: it is not bundled. This
   * keeps each bundle small and the module initialisation short.
   */
  external: ['@aws-sdk/*'],
  outExtension: { '.js': '.mjs' },
  /**
   * Japanese text as UTF-8, not as \uXXXX escapes (6 bytes a character instead of 3): the survey
   * template and messages made the admin bundle 24 KB larger, over DESIGN §7's 500 KiB.
   */
  charset: 'utf8',
  /**
   * Comments esbuild must keep (`@license`, `@preserve`, `/*!`) go to a `.LEGAL.txt` file beside the
   * bundle instead of its end: in the admin bundle they were coverage hints of the Powertools sources
   * (`v8 ignore … @preserve`), 0.4 KiB of its 500, loaded at every cold start for nothing.
   */
  legalComments: 'external',
  /**
   * `require` for the CommonJS packages bundled into an ES module: exceljs
   * (report function) requires Node's built-ins, which esbuild's ESM output
   * cannot do by itself ("Dynamic require of … is not supported").
   */
  banner: {
    js: "import{createRequire as __koeCreateRequire}from'node:module';const require=__koeCreateRequire(import.meta.url);",
  },
} as const satisfies BuildOptions;

/** The five functions, one entry file each (functions/lambda/). */
export const LAMBDA_ENTRIES = {
  public: 'functions/lambda/public.ts',
  admin: 'functions/lambda/admin.ts',
  results: 'functions/lambda/results.ts',
  scheduler: 'functions/lambda/scheduler.ts',
  report: 'functions/lambda/report.ts',
} as const;
export type LambdaName = keyof typeof LAMBDA_ENTRIES;

/**
 * Files shipped beside a function's bundle, from the project (path inside it)
 * to the asset (file name): the report function's Noto Sans JP (SIL OFL 1.1),
 * which functions/lambda/report.ts reads from beside itself.
 */
export const LAMBDA_FILES: Partial<Record<LambdaName, Record<string, string>>> = {
  report: { [`node_modules/${REPORT_FONT}`]: REPORT_FONT_FILE },
};

/** The same settings in NodejsFunction's terms, with the function's files copied beside its bundle. */
export function nodejsBundling(
  name: LambdaName,
  settings: typeof LAMBDA_ESBUILD = LAMBDA_ESBUILD,
): BundlingOptions {
  const files = Object.entries(LAMBDA_FILES[name] ?? {});
  return {
    format: settings.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
    target: settings.target,
    minify: settings.minify,
    sourceMap: settings.sourcemap !== undefined,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    externalModules: [...settings.external],
    banner: settings.banner.js,
    // BundlingOptions.charset exists but this aws-cdk-lib does not pass it on to esbuild: say it directly.
    esbuildArgs: { '--charset': settings.charset, '--legal-comments': settings.legalComments },
    ...(files.length > 0
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            // Runs in the project (local bundling): inputDir is the project root, outputDir the asset.
            afterBundling: (inputDir: string, outputDir: string) =>
              files.map(([from, to]) => `cp "${path.join(inputDir, from)}" "${path.join(outputDir, to)}"`),
          },
        }
      : {}),
    // NodejsFunction always bundles for node and names ES module output index.mjs.
  };
}
