import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { type RawItem, TABLE_ROLES, type TableRole } from '../store/backups';

/**
 * The plain archive inside the encrypted container (container.ts): gzipped
 * JSON lines (docs/BACKUP.md).
 *
 *   {"kind":"koe-backup","format":1,"createdAt":…,"tables":[…]}
 *   {"table":"surveys","item":{…AttributeValue…}}            one per item
 *   {"file":"master.key","mode":384,"data":"<base64>"}      one per key file
 *   {"end":true,"counts":{…},"sha256":{…},"files":{…}}
 *
 * Binary attributes are base64 text. Each table's checksum is SHA-256 over its
 * items' canonical JSON lines (keys sorted), sorted: it does not depend on the
 * order a scan returns, so restore can check the archive and then the store
 * it wrote with the same function.
 */

export const ARCHIVE_FORMAT = 1;

export interface KeyFile {
  name: string;
  mode: number;
  data: Buffer;
}

export interface Archive {
  createdAt: string;
  tables: Record<TableRole, RawItem[]>;
  files: KeyFile[];
}

export interface Manifest {
  counts: Record<TableRole, number>;
  sha256: Record<TableRole, string>;
  files: Record<string, string>;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An AttributeValue as JSON: binaries become base64 text. */
function encodeValue(av: AttributeValue): Json {
  if (av.B !== undefined) return { B: Buffer.from(av.B).toString('base64') };
  if (av.BS !== undefined) return { BS: av.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (av.M !== undefined) return { M: encodeItem(av.M) };
  if (av.L !== undefined) return { L: av.L.map(encodeValue) };
  return av as unknown as Json;
}
export function encodeItem(item: Record<string, AttributeValue>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(item)) out[k] = encodeValue(v);
  return out;
}

function decodeValue(v: Record<string, unknown>): AttributeValue {
  if (typeof v.B === 'string') return { B: new Uint8Array(Buffer.from(v.B, 'base64')) };
  if (Array.isArray(v.BS))
    return { BS: (v.BS as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
  if (v.M && typeof v.M === 'object') return { M: decodeItem(v.M as Record<string, unknown>) };
  if (Array.isArray(v.L)) return { L: (v.L as Record<string, unknown>[]).map(decodeValue) };
  return v as unknown as AttributeValue;
}
export function decodeItem(item: Record<string, unknown>): RawItem {
  const out: RawItem = {};
  for (const [k, v] of Object.entries(item)) out[k] = decodeValue(v as Record<string, unknown>);
  return out;
}

/** JSON with object keys sorted at every level: the same item always gives the same text. */
export function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over a table's items, independent of their order. */
export function tableChecksum(items: RawItem[]): string {
  const lines = items.map((i) => canonical(encodeItem(i))).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}

export function manifestOf(tables: Record<TableRole, RawItem[]>, files: KeyFile[]): Manifest {
  const counts = {} as Manifest['counts'];
  const sha256 = {} as Manifest['sha256'];
  for (const role of TABLE_ROLES) {
    counts[role] = tables[role].length;
    sha256[role] = tableChecksum(tables[role]);
  }
  return {
    counts,
    sha256,
    files: Object.fromEntries(files.map((f) => [f.name, createHash('sha256').update(f.data).digest('hex')])),
  };
}

/** The gzipped JSON-lines archive of a snapshot. */
export function writeArchive(archive: Archive): { gz: Buffer; manifest: Manifest } {
  const manifest = manifestOf(archive.tables, archive.files);
  const lines: string[] = [
    JSON.stringify({
      kind: 'koe-backup',
      format: ARCHIVE_FORMAT,
      createdAt: archive.createdAt,
      tables: TABLE_ROLES,
    }),
  ];
  for (const role of TABLE_ROLES) {
    for (const item of archive.tables[role])
      lines.push(JSON.stringify({ table: role, item: encodeItem(item) }));
  }
  for (const f of archive.files) {
    lines.push(JSON.stringify({ file: f.name, mode: f.mode, data: f.data.toString('base64') }));
  }
  lines.push(JSON.stringify({ end: true, ...manifest }));
  return { gz: gzipSync(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), { level: 9 }), manifest };
}

const Role = z.enum(TABLE_ROLES as [TableRole, ...TableRole[]]);
const Header = z.object({
  kind: z.literal('koe-backup'),
  format: z.number().int(),
  createdAt: z.string(),
  tables: z.array(z.string()),
});
const ItemLine = z.object({ table: Role, item: z.record(z.string(), z.record(z.string(), z.unknown())) });
/** A bare file name: a restore never writes outside the data directory. */
export const KEY_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const FileLine = z.object({
  file: z.string().regex(KEY_FILE_NAME),
  mode: z.number().int().min(0).max(0o777),
  data: z.string(),
});
const EndLine = z.object({
  end: z.literal(true),
  counts: z.record(Role, z.number().int().min(0)),
  sha256: z.record(Role, z.string().regex(/^[0-9a-f]{64}$/)),
  files: z.record(z.string(), z.string()),
});

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Reads a decrypted archive and checks it against its own manifest (counts, checksums). */
export function readArchive(gz: Buffer): Archive & { manifest: Manifest } {
  const text = gunzipSync(gz).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = Header.safeParse(JSON.parse(lines[0] ?? 'null'));
  if (!header.success) throw new ArchiveError('koe のバックアップではありません / not a koe backup');
  if (header.data.format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(`この形式は読めません（${header.data.format}） / unsupported archive format`);
  }
  const tables = Object.fromEntries(TABLE_ROLES.map((r) => [r, [] as RawItem[]])) as Archive['tables'];
  const files: KeyFile[] = [];
  let end: z.infer<typeof EndLine> | undefined;
  for (const line of lines.slice(1)) {
    if (end) throw new ArchiveError('data after the end of the archive');
    const value = JSON.parse(line) as Record<string, unknown>;
    if ('table' in value) {
      const parsed = ItemLine.parse(value);
      tables[parsed.table].push(decodeItem(parsed.item));
    } else if ('file' in value) {
      const parsed = FileLine.parse(value);
      files.push({ name: parsed.file, mode: parsed.mode, data: Buffer.from(parsed.data, 'base64') });
    } else {
      end = EndLine.parse(value);
    }
  }
  if (!end) throw new ArchiveError('バックアップが途中で切れています / the archive is truncated');
  const manifest = manifestOf(tables, files);
  for (const role of TABLE_ROLES) {
    if (manifest.counts[role] !== end.counts[role] || manifest.sha256[role] !== end.sha256[role]) {
      throw new ArchiveError(
        `表 ${role} の件数またはチェックサムが一致しません / table ${role}: count or checksum does not match`,
      );
    }
  }
  if (canonical(manifest.files) !== canonical(end.files)) {
    throw new ArchiveError('鍵ファイルのチェックサムが一致しません / key files do not match their checksums');
  }
  return { createdAt: header.data.createdAt, tables, files, manifest };
}
