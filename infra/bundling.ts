import path from 'node:path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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
} as const satisfies BuildOptions;

/** The four functions, one entry file each (functions/lambda/). */
export const LAMBDA_ENTRIES = {
  public: 'functions/lambda/public.ts',
  admin: 'functions/lambda/admin.ts',
  results: 'functions/lambda/results.ts',
  scheduler: 'functions/lambda/scheduler.ts',
} as const;
export type LambdaName = keyof typeof LAMBDA_ENTRIES;

/** The same settings in NodejsFunction's terms. */
export function nodejsBundling(settings: typeof LAMBDA_ESBUILD = LAMBDA_ESBUILD): BundlingOptions {
  return {
    format: settings.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
    target: settings.target,
    minify: settings.minify,
    sourceMap: settings.sourcemap !== undefined,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    externalModules: [...settings.external],
    // NodejsFunction always bundles for node and names ES module output index.mjs.
  };
}
