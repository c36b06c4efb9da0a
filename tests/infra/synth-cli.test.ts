import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_FONT, REPORT_FONT_FILE } from '../../functions/report/font';
import { LAMBDA_ENTRIES, LAMBDA_ESBUILD, type LambdaName, PROJECT_ROOT } from '../../infra/bundling';

/**
 * `npm run synth` as an operator runs it: the CDK CLI, offline (no lookups,
 * no account, no version check, no telemetry, no instance metadata), with
 * real bundling. The code it packs for each function is byte for byte what
 * the shared esbuild settings produce (the bundle test runs that).
 */

const outdir = mkdtempSync(path.join(tmpdir(), 'koe-cdk-out-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('npm run synth', () => {
  it('synthesises the dev stack offline and packs the functions the bundle test builds', async () => {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k];
    const run = spawnSync('npm', ['run', '--silent', 'synth', '--', '-c', 'stage=dev', '-o', outdir], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    // The CLI writes its messages to stderr, or to stdout when CI=true is set (as CI machines do): read both.
    const printed = `${run.stdout}\n${run.stderr}`;
    expect(printed).toContain('Successfully synthesized');
    // cdk.json sets every recommended feature flag: the CLI prints "N feature flags are not configured" otherwise.
    expect(printed).not.toMatch(/feature flags? (is|are) not configured/);
    const template = JSON.parse(readFileSync(path.join(outdir, 'koe-dev.template.json'), 'utf8'));
    const functions = Object.values(template.Resources as Record<string, any>).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith('koe'),
    );
    expect(functions).toHaveLength(Object.keys(LAMBDA_ENTRIES).length);
    expect(functions).toHaveLength(5);

    const fonts: string[] = [];
    const packed = functions.map((f) => {
      const asset = path.join(outdir, `asset.${f.Metadata['aws:asset:path'].replace(/^asset\./, '')}`);
      const files = readdirSync(asset).sort();
      // The report function's font is copied beside its bundle (infra/bundling.ts), byte for byte.
      if (files.includes(REPORT_FONT_FILE)) {
        fonts.push(String(f.Properties.Description));
        expect(readFileSync(path.join(asset, REPORT_FONT_FILE))).toEqual(
          readFileSync(path.join(PROJECT_ROOT, 'node_modules', REPORT_FONT)),
        );
      }
      // Comments esbuild must keep go to index.mjs.LEGAL.txt when a bundle has any (infra/bundling.ts).
      expect(files.filter((x) => x !== REPORT_FONT_FILE && x !== 'index.mjs.LEGAL.txt')).toEqual([
        'index.mjs',
        'index.mjs.map',
      ]);
      return readFileSync(path.join(asset, 'index.mjs'), 'utf8');
    });
    expect(fonts).toEqual([expect.stringMatching(/^koe annual report/)]);
    for (const name of Object.keys(LAMBDA_ENTRIES) as LambdaName[]) {
      const built = await esbuild.build({
        ...LAMBDA_ESBUILD,
        entryPoints: { index: path.join(PROJECT_ROOT, LAMBDA_ENTRIES[name]) },
        outdir: path.join(outdir, `compare-${name}`),
        write: false,
        logLevel: 'error',
      });
      const code = built.outputFiles.find((f) => f.path.endsWith('index.mjs'))!.text;
      expect(packed, name).toContain(code);
    }
    expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  }, 420_000);
});
