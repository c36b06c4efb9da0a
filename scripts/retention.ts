/**
 * `npm run retention -- --dry-run` lists what retention would delete now;
 * `npm run retention` deletes it (DESIGN §2 "Retention"): the raw answers of
 * closed campaigns and the posts of finished fiscal years older than the
 * city's setting, with counts in the audit log. Never any answer or post text.
 *
 * While koe runs it goes through koe's store socket in KOE_DATA_DIR; otherwise
 * it opens the store itself. DYNAMODB_ENDPOINT points it at another engine.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { runRetention } from '../functions/services/retention';
import { createStore, prepareTables, type Store } from '../functions/store';
import { tablesFor } from '../functions/store/config';
import { type EmbeddedDynamo, STORE_SOCKET, startEmbeddedDynamo } from '../functions/store/embedded';
import { localDocumentClient } from '../functions/store/socket-client';
import type { RetentionRun } from '../shared/api/retention';

const Env = z.object({
  KOE_DATA_DIR: z.string().min(1).default('.koe'),
  DYNAMODB_ENDPOINT: z.url().optional(),
});

const answers = (socketPath: string) =>
  new Promise<boolean>((resolve) => {
    const s = connect(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** The report a person reads: campaigns and years with counts, ja then en. */
export function describeRun(run: RetentionRun): string {
  const lines: string[] = [];
  if (run.years === null) {
    lines.push('保存期間：無期限（設定なし）。削除するものはありません。');
    lines.push('Retention: keep forever (not set). Nothing to delete.');
    return lines.join('\n');
  }
  const verb = run.dryRun ? ['削除予定', 'would delete'] : ['削除しました', 'deleted'];
  lines.push(
    `保存期間 ${run.years} 年（基準 ${run.cutoff} より前に終わったもの） / retention ${run.years} years (ended before ${run.cutoff})`,
  );
  if (run.campaigns.length === 0 && run.feedback.length === 0) {
    lines.push('削除するものはありません。 / Nothing to delete.');
  }
  for (const c of run.campaigns)
    lines.push(
      `  FY${c.fiscalYear} 調査 ${c.campaignId}：回答 ${c.responses} 件を${verb[0]} / campaign ${c.campaignId}: ${verb[1]} ${c.responses} raw answers`,
    );
  for (const y of run.feedback)
    lines.push(
      `  FY${y.fiscalYear} 職員提案：投稿 ${y.posts} 件を${verb[0]} / feedback FY${y.fiscalYear}: ${verb[1]} ${y.posts} posts`,
    );
  if (run.dryRun) lines.push('（ドライラン：何も削除していません / dry run: nothing was deleted）');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const env = Env.parse(process.env);
  const dataDir = path.resolve(env.KOE_DATA_DIR);
  let embedded: EmbeddedDynamo | undefined;
  let store: Store;
  if (env.DYNAMODB_ENDPOINT) {
    store = createStore({
      endpoint: env.DYNAMODB_ENDPOINT,
      region: 'ap-northeast-1',
      tables: tablesFor('koe'),
    });
  } else {
    if (!existsSync(path.join(dataDir, 'dynamodb'))) {
      throw new Error(`no koe store in ${dataDir} (KOE_DATA_DIR) / ${dataDir} に koe のデータがありません`);
    }
    const socketPath = path.join(dataDir, STORE_SOCKET);
    // koe is running: use its engine through the socket; otherwise open the store here.
    if (!(await answers(socketPath))) {
      embedded = await startEmbeddedDynamo({ path: path.join(dataDir, 'dynamodb'), socketPath });
    }
    const config = {
      endpoint: 'http://localhost',
      socketPath,
      region: 'ap-northeast-1',
      tables: tablesFor('koe'),
    };
    store = createStore(config, localDocumentClient(config));
  }
  try {
    await prepareTables(store);
    const run = await runRetention(
      { store },
      { dryRun: values['dry-run'], actor: 'system (npm run retention)' },
    );
    console.log(values.json ? JSON.stringify(run, null, 2) : describeRun(run));
  } finally {
    store.doc.destroy();
    await embedded?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
