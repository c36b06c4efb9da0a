/** A cell: text, a number (written as is; not finite is empty), or nothing (empty). */
export type CsvValue = string | number | null | undefined;

/**
 * One cell, RFC 4180: quoted when it holds a quote, comma or line break.
 * Text a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a CR) gets a leading apostrophe first, so an exported name or comment can
 * never become a formula. Numbers are never guarded: -3 stays a number.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The one CSV writer, for the server's downloads and the console's exports:
 * RFC 4180 with CRLF after every row and a UTF-8 BOM, so spreadsheets read
 * Japanese correctly.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. Returns
 * rows with the 1-based line each row started on.
 */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted)
    throw new Error(
      `${rowLine}行目: 引用符（"）が閉じられていません / line ${rowLine}: a quoted field is not closed`,
    );
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows.filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
}
