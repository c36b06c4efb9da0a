import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { actionsStore } from './actions';
import { auditStore } from './audit';
import { backupsStore } from './backups';
import { createDocumentClient } from './client';
import type { StoreConfig } from './config';
import { directoryStore } from './directory';
import { feedbackStore } from './feedback';
import { harassmentSettingsStore } from './harassment-settings';
import { movesStore } from './moves';
import { responsesStore } from './responses';
import { campaignsStore } from './campaigns';
import { planStore } from './plan';
import { resultsStore } from './results';
import { retentionStore } from './retention';
import { ensureTables } from './tables';

export interface Store {
  config: StoreConfig;
  doc: DynamoDBDocumentClient;
  directory: ReturnType<typeof directoryStore>;
  /** The plan, templates and targets (surveys table). */
  plan: ReturnType<typeof planStore>;
  /** Campaigns, their frozen snapshots, signing keys and counters (surveys table). */
  campaigns: ReturnType<typeof campaignsStore>;
  /** Each closed campaign's results, stored once (surveys table). */
  results: ReturnType<typeof resultsStore>;
  responses: ReturnType<typeof responsesStore>;
  feedback: ReturnType<typeof feedbackStore>;
  /** Moving boxes: ciphertext between one person's devices (feedback table). */
  moves: ReturnType<typeof movesStore>;
  audit: ReturnType<typeof auditStore>;
  /** The retention setting; counts and deletes raw answers and posts by key (store/retention.ts). */
  retention: ReturnType<typeof retentionStore>;
  /** When the last backup was taken (surveys table, `BACKUP`/`LAST`). */
  backups: ReturnType<typeof backupsStore>;
  /** Action plans, their public projection and the plan's progress (surveys table). */
  actions: ReturnType<typeof actionsStore>;
  /** Which national harassment reference the city is compared with (surveys table, `SETTINGS`). */
  harassment: ReturnType<typeof harassmentSettingsStore>;
}

export function createStore(config: StoreConfig, doc = createDocumentClient(config)): Store {
  const ctx = { doc, config };
  return {
    config,
    doc,
    directory: directoryStore(ctx),
    plan: planStore(ctx),
    campaigns: campaignsStore(ctx),
    results: resultsStore(ctx),
    responses: responsesStore(ctx),
    feedback: feedbackStore(ctx),
    moves: movesStore(ctx),
    audit: auditStore(ctx),
    retention: retentionStore(ctx),
    backups: backupsStore(ctx),
    actions: actionsStore(ctx),
    harassment: harassmentSettingsStore(ctx),
  };
}

/** Creates the tables if missing (local runtimes only; AWS tables come from the CDK stack). */
export async function prepareTables(store: Store): Promise<void> {
  // The document client wraps a plain client; table management needs the plain one.
  await ensureTables(store.doc as unknown as Parameters<typeof ensureTables>[0], store.config);
}

export type { StoreConfig } from './config';
export { storeConfigFromEnv } from './config';
export * from './errors';
export type { AuditEntry } from './audit';
export type { BackupRecord } from './backups';
