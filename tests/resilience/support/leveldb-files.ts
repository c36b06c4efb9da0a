import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads a LevelDB directory's files as an attacker with a copy of them would:
 * every internal entry of the write-ahead logs (*.log) and the sorted tables
 * (*.ldb, *.sst), with the sequence number LevelDB keeps beside each key.
 * No LevelDB code is used: the formats are read byte by byte (leveldb's
 * doc/log_format.md and doc/table_format.md; snappy's format_description.txt).
 */

export interface RawEntry {
  key: Buffer;
  /** LevelDB's write sequence number: one per written key, increasing over the database's life. */
  seq: bigint;
  deleted: boolean;
  value?: Buffer;
  file: string;
}

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

/** Snappy raw-format decompression. */
export function unsnappy(input: Buffer): Buffer {
  let [length, pos] = varint(input, 0);
  const out = Buffer.alloc(length);
  let o = 0;
  while (pos < input.length) {
    const tag = input[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >> 2;
      if (len >= 60) {
        const bytes = len - 59;
        len = 0;
        for (let i = 0; i < bytes; i++) len |= input[pos++]! << (8 * i);
      }
      len += 1;
      input.copy(out, o, pos, pos + len);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      len = 4 + ((tag >> 2) & 7);
      offset = ((tag >> 5) << 8) | input[pos++]!;
    } else if (kind === 2) {
      len = (tag >> 2) + 1;
      offset = input.readUInt16LE(pos);
      pos += 2;
    } else {
      len = (tag >> 2) + 1;
      offset = input.readUInt32LE(pos);
      pos += 4;
    }
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset]!;
  }
  length = o;
  return out.subarray(0, length);
}

/** The records of a log file (32 KiB blocks of FULL/FIRST/MIDDLE/LAST fragments); a torn tail is ignored. */
function logRecords(buf: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  const BLOCK = 32768;
  let pos = 0;
  while (pos + 7 <= buf.length) {
    const left = BLOCK - (pos % BLOCK);
    if (left < 7) {
      pos += left;
      continue;
    }
    const len = buf.readUInt16LE(pos + 4);
    const type = buf[pos + 6]!;
    if (type === 0 && len === 0) {
      pos += left; // zero padding to the block's end
      continue;
    }
    if (pos + 7 + len > buf.length) break;
    const data = buf.subarray(pos + 7, pos + 7 + len);
    pos += 7 + len;
    if (type === 1) records.push(Buffer.from(data));
    else if (type === 2) pending = [data];
    else if (type === 3) pending.push(data);
    else if (type === 4) {
      pending.push(data);
      records.push(Buffer.concat(pending));
      pending = [];
    }
  }
  return records;
}

function logEntries(buf: Buffer, file: string): RawEntry[] {
  const out: RawEntry[] = [];
  for (const rec of logRecords(buf)) {
    if (rec.length < 12) continue;
    let seq = rec.readBigUInt64LE(0);
    const count = rec.readUInt32LE(8);
    let pos = 12;
    for (let i = 0; i < count && pos < rec.length; i++, seq++) {
      const tag = rec[pos++]!;
      let klen: number;
      [klen, pos] = varint(rec, pos);
      const key = rec.subarray(pos, pos + klen);
      pos += klen;
      if (tag === 1) {
        let vlen: number;
        [vlen, pos] = varint(rec, pos);
        out.push({ key, seq, deleted: false, value: rec.subarray(pos, pos + vlen), file });
        pos += vlen;
      } else {
        out.push({ key, seq, deleted: true, file });
      }
    }
  }
  return out;
}

function blockAt(buf: Buffer, offset: number, size: number): Buffer {
  const body = buf.subarray(offset, offset + size);
  const type = buf[offset + size];
  return type === 1 ? unsnappy(body) : Buffer.from(body);
}

/** Key/value pairs of one table block (prefix-compressed entries, then the restart array). */
function blockEntries(block: Buffer): Array<[Buffer, Buffer]> {
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 - 4 * restarts;
  const out: Array<[Buffer, Buffer]> = [];
  let pos = 0;
  let last = Buffer.alloc(0);
  while (pos < end) {
    let shared: number;
    let unshared: number;
    let vlen: number;
    [shared, pos] = varint(block, pos);
    [unshared, pos] = varint(block, pos);
    [vlen, pos] = varint(block, pos);
    const key = Buffer.concat([last.subarray(0, shared), block.subarray(pos, pos + unshared)]);
    pos += unshared;
    out.push([key, block.subarray(pos, pos + vlen)]);
    pos += vlen;
    last = key;
  }
  return out;
}

function tableEntries(buf: Buffer, file: string): RawEntry[] {
  const footer = buf.subarray(buf.length - 48);
  let pos = 0;
  [, pos] = varint(footer, pos); // metaindex offset
  [, pos] = varint(footer, pos); // metaindex size
  let indexOffset: number;
  let indexSize: number;
  [indexOffset, pos] = varint(footer, pos);
  [indexSize, pos] = varint(footer, pos);
  const out: RawEntry[] = [];
  for (const [, handle] of blockEntries(blockAt(buf, indexOffset, indexSize))) {
    const [offset, p] = varint(handle, 0);
    const [size] = varint(handle, p);
    for (const [ikey, value] of blockEntries(blockAt(buf, offset, size))) {
      const trailer = ikey.readBigUInt64LE(ikey.length - 8);
      const deleted = (trailer & 0xffn) === 0n;
      out.push({
        key: ikey.subarray(0, ikey.length - 8),
        seq: trailer >> 8n,
        deleted,
        ...(deleted ? {} : { value }),
        file,
      });
    }
  }
  return out;
}

/** Every internal entry in a LevelDB directory's logs and tables. */
export function readLevelDbFiles(dir: string): RawEntry[] {
  const out: RawEntry[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.log') && name !== 'LOG') out.push(...logEntries(readFileSync(file), name));
    else if (name.endsWith('.ldb') || name.endsWith('.sst'))
      out.push(...tableEntries(readFileSync(file), name));
  }
  return out;
}

/** A DynamoDB attribute value as dynalite stores it, made plain (strings, numbers, maps, lists). */
function plain(v: any): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL) return null;
  if (v.M) return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, plain(x)]));
  if (v.L) return (v.L as unknown[]).map(plain);
  if (v.SS) return v.SS;
  return v;
}

export interface ItemVersion {
  table: string;
  seq: bigint;
  /** Undefined for a deletion marker (its key is then only `keyText`). */
  item?: Record<string, any>;
  keyText: string;
}

/** dynalite's items (key `item-<table>~…`, JSON value) with their sequence numbers. */
export function dynaliteItems(dir: string): ItemVersion[] {
  const out: ItemVersion[] = [];
  for (const e of readLevelDbFiles(dir)) {
    const keyText = e.key.toString('utf8');
    const m = /^item-([^~]+)~/.exec(keyText);
    if (!m) continue;
    if (e.deleted || !e.value) {
      out.push({ table: m[1]!, seq: e.seq, keyText });
      continue;
    }
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(e.value.toString('utf8'));
    } catch {
      continue;
    }
    const item = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)]));
    out.push({ table: m[1]!, seq: e.seq, item, keyText });
  }
  return out;
}
