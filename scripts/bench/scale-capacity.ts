import type { Store } from '../../functions/store';

/**
 * Capacity metering for the scale benchmark. Every store call is sized by
 * DynamoDB's rules (developer guide, "Item size" and "Read/write capacity
 * mode"): an item is the UTF-8 length of its attribute names and values,
 * numbers about one byte per two digits, a map or list 3 bytes plus one per
 * element; a write costs one unit per 1 KB of the item (rounded up), a read
 * one per 4 KB, half for an eventually consistent read, and a query's items
 * are summed before rounding. Puts and reads are sized here from the items
 * themselves; an update or delete takes the engine's own figure
 * (ReturnConsumedCapacity, which the embedded engine computes from the old
 * and new item — it counts a string's UTF-16 length, so this file sizes what
 * it can itself). A write of an item carrying the directory table's index
 * keys (gsi1pk, projection ALL) adds the same units again for the index.
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
  /** Index writes: puts of items with the directory index's keys (the same units again). */
  wruIndex: number;
  /**
   * Units of updates to the directory table (the engine's figure): an update of an item in the
   * index (a ledger claim) writes the index too, so up to as many again.
   */
  wruIndexUpdates: number;
  /** What the engine itself reported (ReturnConsumedCapacity), writes and reads: DynamoDB Local's are AWS's rules, index writes and projected reads included. */
  engineUnits: number;
  engineWrite: number;
  engineRead: number;
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
  wruIndex: 0,
  wruIndexUpdates: 0,
  engineUnits: 0,
  engineWrite: 0,
  engineRead: 0,
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
    wruIndex: a.wruIndex - b.wruIndex,
    wruIndexUpdates: a.wruIndexUpdates - b.wruIndexUpdates,
    engineUnits: a.engineUnits - b.engineUnits,
    engineWrite: a.engineWrite - b.engineWrite,
    engineRead: a.engineRead - b.engineRead,
  };
}

type Capacity = { CapacityUnits?: number; TableName?: string };

const utf8 = (x: string) => Buffer.byteLength(x, 'utf8');

/** The size of a value as DynamoDB counts it (document-client form: before marshalling). */
function valueBytes(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    const digits =
      String(v)
        .replace(/[^0-9]/g, '')
        .replace(/^0+/, '').length || 1;
    return 1 + Math.ceil(digits / 2);
  }
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + valueBytes(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + valueBytes(x), 0);
  if (typeof v === 'object') {
    let n = 3;
    for (const [k, x] of Object.entries(v)) if (x !== undefined) n += 1 + utf8(k) + valueBytes(x);
    return n;
  }
  return 0;
}

/** An item's size: its attribute names and values. */
export function itemBytes(item: Record<string, unknown>): number {
  let n = 0;
  for (const [k, x] of Object.entries(item)) if (x !== undefined) n += utf8(k) + valueBytes(x);
  return n;
}

const writeUnits = (item: Record<string, unknown>) => Math.max(1, Math.ceil(itemBytes(item) / 1024));
const indexed = (item: Record<string, unknown>) => typeof item.gsi1pk === 'string';

/** Adds the metering middleware to the store's client; returns the running ledger. */
export function meterStore(store: Store) {
  let total = empty();
  let mark = empty();
  const directoryTable = store.config.tables.directory;
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
      const engine = (consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]).reduce(
        (n, c) => n + (c.CapacityUnits ?? 0),
        0,
      );
      const consistent = input.ConsistentRead === true;
      const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
      if (command.startsWith('Put')) {
        const item = input.Item as Record<string, unknown>;
        const units = writeUnits(item);
        total.wru += units;
        total.itemsWritten++;
        if (indexed(item)) total.wruIndex += units;
      } else if (command.startsWith('BatchWrite')) {
        for (const list of Object.values(input.RequestItems as Record<string, unknown[]>)) {
          for (const request of list as Array<{ PutRequest?: { Item: Record<string, unknown> } }>) {
            total.itemsWritten++;
            if (!request.PutRequest) {
              // A delete: one unit for items under 1 KB (all koe deletes in batches are ledger entries and answers).
              total.wru += 1;
              continue;
            }
            const units = writeUnits(request.PutRequest.Item);
            total.wru += units;
            if (indexed(request.PutRequest.Item)) total.wruIndex += units;
          }
        }
      } else if (write) {
        // Update, delete: the engine's figure (the larger of the old and the new item).
        total.wru += engine;
        total.itemsWritten++;
        if (input.TableName === directoryTable) total.wruIndexUpdates += engine;
      } else if (command.startsWith('BatchGet')) {
        const responses = (output.Responses ?? {}) as Record<string, Array<Record<string, unknown>>>;
        for (const items of Object.values(responses)) {
          for (const item of items) {
            total.rru += Math.ceil(itemBytes(item) / 4096) * 0.5;
            total.itemsRead++;
          }
        }
      } else if (command.startsWith('Get')) {
        const item = output.Item as Record<string, unknown> | undefined;
        total.rru += readUnits(item ? itemBytes(item) : 0);
        if (item) total.itemsRead++;
      } else {
        // Query, scan: the page's items summed, then rounded up.
        const items = (output.Items ?? []) as Array<Record<string, unknown>>;
        total.rru += readUnits(items.reduce((n, i) => n + itemBytes(i), 0));
        total.itemsRead += items.length;
      }
      total.engineUnits += engine;
      if (write) total.engineWrite += engine;
      else total.engineRead += engine;
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
