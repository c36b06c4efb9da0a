import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditStore } from './audit';
import { createDocumentClient } from './client';
import type { StoreConfig } from './config';
import { directoryStore } from './directory';
import { feedbackStore } from './feedback';
import { responsesStore } from './responses';
import { surveysStore } from './surveys';
import { ensureTables } from './tables';

export interface Store {
  config: StoreConfig;
  doc: DynamoDBDocumentClient;
  directory: ReturnType<typeof directoryStore>;
  surveys: ReturnType<typeof surveysStore>;
  responses: ReturnType<typeof responsesStore>;
  feedback: ReturnType<typeof feedbackStore>;
  audit: ReturnType<typeof auditStore>;
}

export function createStore(config: StoreConfig, doc = createDocumentClient(config)): Store {
  const ctx = { doc, config };
  return {
    config,
    doc,
    directory: directoryStore(ctx),
    surveys: surveysStore(ctx),
    responses: responsesStore(ctx),
    feedback: feedbackStore(ctx),
    audit: auditStore(ctx),
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
