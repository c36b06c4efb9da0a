import type { Store } from '../../functions/store';

/**
 * Capacity metering for the scale benchmark: every store call asks the engine
 * for its consumed capacity (ReturnConsumedCapacity TOTAL), which the
 * embedded engine and DynamoDB Local compute by DynamoDB's own rules — item
 * size rounded up to 1 KB per write unit and 4 KB per read unit, half for an
 * eventually consistent read, a query's items summed before rounding, an
 * update charged on the larger of the old and the new item. Global secondary
 * index writes are not in the engine's figure; calls to tables with an index
 * are counted apart so DEPLOY.md can add them.
 */

export interface Ledger {
  /** Write request units (on-demand) = write capacity units. */
  wru: number;
  /** Read request units (on-demand) = read capacity units. */
  rru: number;
  /** Store calls by command name. */
  calls: Record<string, number>;
  /** Items written (a batch counts its items) and read (returned items). */
  itemsWritten: number;
  itemsRead: number;
  /** Write units that went to tables with a global secondary index (each may add an index write). */
  wruIndexedTables: number;
}

const WRITES = new Set([
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'BatchWriteCommand',
  'TransactWriteCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
]);
const METERED = new Set([
  ...WRITES,
  'GetCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetCommand',
  'GetItemCommand',
  'QueryItemCommand',
  'ScanItemCommand',
  'BatchGetItemCommand',
]);

const empty = (): Ledger => ({
  wru: 0,
  rru: 0,
  calls: {},
  itemsWritten: 0,
  itemsRead: 0,
  wruIndexedTables: 0,
});

export function diff(a: Ledger, b: Ledger): Ledger {
  const calls: Record<string, number> = {};
  for (const [k, v] of Object.entries(a.calls)) calls[k] = v - (b.calls[k] ?? 0);
  return {
    wru: a.wru - b.wru,
    rru: a.rru - b.rru,
    calls,
    itemsWritten: a.itemsWritten - b.itemsWritten,
    itemsRead: a.itemsRead - b.itemsRead,
    wruIndexedTables: a.wruIndexedTables - b.wruIndexedTables,
  };
}

type Capacity = { CapacityUnits?: number; TableName?: string };

/** Adds the metering middleware to the store's client; returns the running ledger. */
export function meterStore(store: Store, indexedTables: string[] = [store.config.tables.directory]) {
  let total = empty();
  let mark = empty();
  const indexed = new Set(indexedTables);
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!METERED.has(command)) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const output = out.output as Record<string, unknown>;
      const write = WRITES.has(command);
      total.calls[command] = (total.calls[command] ?? 0) + 1;
      const consumed = output.ConsumedCapacity as Capacity | Capacity[] | undefined;
      for (const c of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
        const units = c.CapacityUnits ?? 0;
        if (write) {
          total.wru += units;
          if (c.TableName && indexed.has(c.TableName)) total.wruIndexedTables += units;
        } else total.rru += units;
      }
      if (write) {
        const items = input.RequestItems as Record<string, unknown[]> | undefined;
        total.itemsWritten += items ? Object.values(items).reduce((n, l) => n + l.length, 0) : 1;
      } else {
        const responses = output.Responses as Record<string, unknown[]> | undefined;
        total.itemsRead += output.Items
          ? (output.Items as unknown[]).length
          : responses
            ? Object.values(responses).reduce((n, l) => n + l.length, 0)
            : output.Item
              ? 1
              : 0;
      }
      return out;
    },
    { step: 'initialize', name: 'koeScaleCapacityMeter' },
  );
  return {
    reset() {
      mark = structuredClone(total);
    },
    /** Since the last reset. */
    snapshot(): Ledger {
      return diff(total, mark);
    },
    /** Since an earlier snapshot of the running total (taken with `running`). */
    since(before: Ledger): Ledger {
      return diff(diff(total, mark), before);
    },
    running(): Ledger {
      return structuredClone(total);
    },
    clear() {
      total = empty();
      mark = empty();
    },
  };
}
