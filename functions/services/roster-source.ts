/**
 * Reads an uploaded roster as a stream, one row at a time, never the whole
 * file as one string (issue 16): CSV in UTF-8 (with or without BOM) or
 * Shift_JIS, or an .xlsx workbook (its first worksheet). The format is told
 * by the bytes, not the file name: an .xlsx is a zip (PK\x03\x04).
 */

export type RosterFormat = 'csv' | 'xlsx';
export type RosterEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

export interface RosterRow {
  /** 1-based line (CSV) or row number (xlsx) where the row starts. */
  line: number;
  cells: string[];
}

export interface RosterSource {
  format: RosterFormat;
  /** Set for CSV once known (after the first non-ASCII bytes; ASCII is read the same either way). */
  encoding(): RosterEncoding | undefined;
  rows: AsyncGenerator<RosterRow>;
}

/** A file the reader cannot read at all (not valid in its encoding, an unclosed quote, a broken workbook). */
export class RosterReadError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The largest cell a roster may hold; longer means the file is not a roster (or a quote is unclosed). */
const MAX_CELL_CHARS = 10_000;
/** Bytes past the first non-ASCII byte read before deciding UTF-8 or Shift_JIS. */
const SNIFF_BYTES = 4096;

async function* chunksOf(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) if (chunk.byteLength > 0) yield chunk;
}

/** Reads an .xlsx workbook's first worksheet as rows (roster-xlsx.ts; given by the runtime). */
export type XlsxRowReader = (input: AsyncIterable<Uint8Array>) => AsyncGenerator<RosterRow>;

/**
 * Opens a roster upload: looks at its first bytes and returns a row reader for
 * its format. Without an .xlsx reader (the Lambda bundles leave exceljs out:
 * it alone is over their 500 KB budget), a workbook is refused with a clear
 * message.
 */
export async function openRoster(
  input: AsyncIterable<Uint8Array>,
  xlsx?: XlsxRowReader,
): Promise<RosterSource> {
  const it = chunksOf(input)[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 4) {
    const next = await it.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const rest = (async function* () {
    yield* head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  const first = Buffer.concat(head.map((h) => Buffer.from(h.buffer, h.byteOffset, h.byteLength)));
  const isZip =
    first.length >= 4 && first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
  if (isZip) {
    if (!xlsx) {
      throw new RosterReadError(
        'この環境では Excel（.xlsx）を読めません。CSV（UTF-8 または Shift_JIS）で保存して選んでください / .xlsx is not read on this deployment; save the roster as CSV (UTF-8 or Shift_JIS)',
        1,
      );
    }
    return { format: 'xlsx', encoding: () => undefined, rows: xlsx(rest) };
  }
  const decoder = new RosterDecoder();
  return { format: 'csv', encoding: () => decoder.encoding, rows: csvRows(rest, decoder) };
}

/**
 * Decodes a CSV byte stream: a BOM → UTF-8; otherwise, at the first non-ASCII
 * bytes, a sample of them that is valid UTF-8 → UTF-8, else Shift_JIS (what
 * Japanese spreadsheets still write). Pure ASCII reads the same either way.
 * Decoding uses `stream: true`, so a character split across chunks is whole.
 */
export class RosterDecoder {
  encoding: RosterEncoding | undefined;
  private decoder: TextDecoder | undefined;
  private pending: Buffer = Buffer.alloc(0);
  private started = false;

  /** Text decoded so far from this chunk (some bytes may wait until the encoding is known). */
  push(chunk: Uint8Array): string {
    if (this.decoder) return this.decoder.decode(chunk, { stream: true });
    this.pending = Buffer.concat([this.pending, chunk]);
    if (!this.started) {
      if (this.pending.length < 3) return '';
      this.started = true;
      const p = this.pending;
      if (p[0] === 0xef && p[1] === 0xbb && p[2] === 0xbf) return this.choose('utf-8-bom');
    }
    const at = this.pending.findIndex((b) => b >= 0x80);
    // ASCII reads the same in both encodings: hand it on before deciding.
    const ascii = at < 0 ? this.pending.length : at;
    const text = this.pending.subarray(0, ascii).toString('latin1');
    this.pending = this.pending.subarray(ascii);
    if (this.pending.length < SNIFF_BYTES) return text;
    return text + this.decide();
  }

  /** The rest of the text at the end of the stream. */
  end(): string {
    let text = '';
    if (!this.decoder) {
      if (this.pending.length === 0) return '';
      if (!this.pending.some((b) => b >= 0x80)) return this.pending.toString('latin1');
      text = this.decide();
    }
    return text + this.decoder!.decode();
  }

  private decide(): string {
    let utf8 = true;
    try {
      // A sample from the first non-ASCII byte: a later invalid byte is reported, not guessed around.
      new TextDecoder('utf-8', { fatal: true }).decode(this.pending.subarray(0, SNIFF_BYTES), {
        stream: true,
      });
    } catch {
      utf8 = false;
    }
    return this.choose(utf8 ? 'utf-8' : 'shift_jis');
  }

  private choose(encoding: RosterEncoding): string {
    this.encoding = encoding;
    this.decoder =
      encoding === 'shift_jis'
        ? new TextDecoder('shift_jis')
        : new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const bytes = this.pending;
    this.pending = Buffer.alloc(0);
    return this.decoder.decode(bytes, { stream: true });
  }
}

/**
 * RFC 4180 rows from text pieces (quoted fields, doubled quotes, CRLF or LF),
 * each with the 1-based line it starts on; blank lines are skipped. The same
 * rules as shared/text/csv.ts parseCsv, kept across piece boundaries.
 */
export class CsvRowParser {
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  /** The last piece ended on a quote inside a quoted field (maybe the first of a doubled pair). */
  private quoteAtEnd = false;
  /** The last piece ended on a CR (an LF may follow). */
  private crAtEnd = false;
  private line = 1;
  private rowLine = 1;

  push(text: string): RosterRow[] {
    const rows: RosterRow[] = [];
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text[0] === '\n') i = 1;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text[0] === '"') {
        this.cell += '"';
        i = Math.max(i, 1);
      } else this.quoted = false;
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (this.quoted) {
        if (ch === '"') {
          if (i + 1 === text.length) this.quoteAtEnd = true;
          else if (text[i + 1] === '"') {
            this.cell += '"';
            i++;
          } else this.quoted = false;
        } else {
          if (ch === '\n') this.line++;
          this.cell += ch;
          if (this.cell.length > MAX_CELL_CHARS) throw this.unclosed();
        }
        continue;
      }
      if (ch === '"' && this.cell === '') this.quoted = true;
      else if (ch === ',') {
        this.cells.push(this.cell);
        this.cell = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') {
          if (i + 1 === text.length) this.crAtEnd = true;
          else if (text[i + 1] === '\n') i++;
        }
        this.cells.push(this.cell);
        this.emit(rows);
        this.line++;
        this.rowLine = this.line;
      } else {
        this.cell += ch;
        if (this.cell.length > MAX_CELL_CHARS) {
          throw new RosterReadError(
            `${this.rowLine}行目: セルが長すぎます / line ${this.rowLine}: a cell is too long`,
            this.rowLine,
          );
        }
      }
    }
    return rows;
  }

  end(): RosterRow[] {
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.quoted = false;
    }
    if (this.quoted) throw this.unclosed();
    const rows: RosterRow[] = [];
    if (this.cell !== '' || this.cells.length > 0) {
      this.cells.push(this.cell);
      this.emit(rows);
    }
    return rows;
  }

  private emit(rows: RosterRow[]) {
    const cells = this.cells;
    this.cells = [];
    this.cell = '';
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: this.rowLine, cells });
  }

  private unclosed() {
    return new RosterReadError(
      `${this.rowLine}行目: 引用符（"）が閉じられていません / line ${this.rowLine}: a quoted field is not closed`,
      this.rowLine,
    );
  }
}

async function* csvRows(input: AsyncIterable<Uint8Array>, decoder: RosterDecoder): AsyncGenerator<RosterRow> {
  const parser = new CsvRowParser();
  let line = 1;
  const decode = (f: () => string) => {
    try {
      return f();
    } catch (err) {
      if (err instanceof TypeError) {
        throw new RosterReadError(
          `${line}行目あたり: UTF-8 として読めない文字があります。UTF-8 か Shift_JIS で保存し直してください / near line ${line}: the file is not valid UTF-8; save it as UTF-8 or Shift_JIS`,
          line,
        );
      }
      throw err;
    }
  };
  for await (const chunk of input) {
    for (const row of parser.push(decode(() => decoder.push(chunk)))) {
      line = row.line;
      yield row;
    }
  }
  yield* parser.push(decode(() => decoder.end()));
  yield* parser.end();
}
