import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import path from 'node:path';
import { startLocalRuntime } from '../../../../functions/local/runtime';
import { createStore } from '../../../../functions/store';
import { tablesFor } from '../../../../functions/store/config';
import { STORE_SOCKET, startEmbeddedDynamo } from '../../../../functions/store/embedded';
import { localDocumentClient } from '../../../../functions/store/socket-client';
import { seedBase } from '../../../../functions/seed/base';
import { aizuwakamatsuPlan } from '../../../../shared/plan/data/aizuwakamatsu';

/**
 * The fixture "a store written by the current release": a real, small data
 * directory made by this release's local runtime (embedded store on disk,
 * keys, journal), with the plan, a template and two units. `layout` then
 * rewrites its layout item: `none` for a store of the release before
 * layout versions (version 0), a number for any other version.
 */
export async function writeFixtureStore(dataDir: string, layout: 'current' | 'none' | number = 'current') {
  const runtime = await startLocalRuntime({ dataDir, publicBaseUrl: 'http://127.0.0.1' });
  try {
    await seedBase(runtime.store, aizuwakamatsuPlan);
    await runtime.store.directory.createUnit({
      code: 'FIX',
      name: { ja: '固定課', en: 'Fixture' },
      parentCode: null,
    });
    await runtime.store.directory.createUnit({ code: 'FIX2', name: { ja: '固定係' }, parentCode: 'FIX' });
  } finally {
    await runtime.close();
  }
  if (layout !== 'current') await setLayoutItem(dataDir, layout);
}

/** Rewrites the layout item of a data directory's store without starting koe (no migration runs). */
export async function setLayoutItem(dataDir: string, layout: 'none' | number): Promise<void> {
  const embedded = await startEmbeddedDynamo({
    path: path.join(dataDir, 'dynamodb'),
    socketPath: path.join(dataDir, STORE_SOCKET),
  });
  const config = {
    endpoint: embedded.endpoint,
    socketPath: embedded.socketPath!,
    region: 'ap-northeast-1',
    tables: tablesFor('koe'),
  };
  const store = createStore(config, localDocumentClient(config)!);
  try {
    const TableName = config.tables.surveys;
    const Key = { pk: 'META', sk: 'LAYOUT' };
    if (layout === 'none') await store.doc.send(new DeleteCommand({ TableName, Key }));
    else await store.doc.send(new PutCommand({ TableName, Item: { ...Key, version: layout } }));
  } finally {
    store.doc.destroy();
    await embedded.close();
  }
}
