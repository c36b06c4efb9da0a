import { type PDFFont, type PDFPage, PDFDocument, rgb } from 'pdf-lib';
import type { AnnualReport } from '../../shared/api/report';
import { type Block, type Cell, reportBlocks, type Table } from '../../shared/report/document';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';
import { fontkitForPdfLib } from './fontkit';

/**
 * The annual report as an A4 PDF (docs/DESIGN.md §5), drawn with pdf-lib and fontkit 2:
 * Noto Sans JP (SIL Open Font License) embedded as a subset of the glyphs
 * used, with its ToUnicode map, so the Japanese text is real text — it can
 * be searched, copied and read out — and prints the same everywhere. The
 * blocks are shared/report/document.ts's, as on the console page and in the
 * workbook.
 */

/** A4 in points, and the margins. */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const BODY = 9;
const SMALL = 7;
const LINE = 1.45;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);
const RULE = rgb(0.75, 0.75, 0.78);
const HEAD_FILL = rgb(0.93, 0.94, 0.96);

export async function reportPdf(report: AnnualReport, fontBytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const title = `職員意識調査 年次報告書 ${fiscalYearLabel(report.fiscalYear, 'ja')}`;
  doc.setTitle(title);
  doc.setSubject(`Staff survey annual report, ${fiscalYearLabel(report.fiscalYear, 'en')}`);
  doc.setLanguage('ja-JP');
  doc.setProducer('koe');
  doc.setCreator('koe');
  const at = new Date(report.generatedAt);
  doc.setCreationDate(at);
  doc.setModificationDate(at);

  const writer = new Writer(doc, font);
  for (const block of reportBlocks(report)) writer.block(block);
  writer.footers(title);
  return doc.save();
}

/** Flows blocks down A4 pages, starting a new page when the next line or row does not fit. */
class Writer {
  #page!: PDFPage;
  #y = 0;
  readonly #width = A4[0] - 2 * MARGIN;

  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.#newPage();
  }

  #newPage(): void {
    this.#page = this.doc.addPage(A4);
    this.#y = A4[1] - MARGIN;
  }

  #ensure(height: number): boolean {
    if (this.#y - height >= MARGIN + 14) return false;
    this.#newPage();
    return true;
  }

  #text(s: string, x: number, size: number, color = INK): void {
    this.#page.drawText(s, { x, y: this.#y - size, size, font: this.font, color });
  }

  /** Breaks text into lines that fit `width`: at spaces where there are any, else between characters (Japanese). */
  wrap(s: string, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const ch of s) {
      const next = line + ch;
      if (this.font.widthOfTextAtSize(next, size) <= width || line === '') {
        line = next;
        continue;
      }
      const space = line.lastIndexOf(' ');
      if (space > 0 && /[ -~]/.test(ch)) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + ch;
      } else {
        lines.push(line);
        line = ch;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  #paragraph(s: string, size: number, color = INK, gapAfter = 2): void {
    for (const line of this.wrap(s, size, this.#width)) {
      this.#ensure(size * LINE);
      this.#text(line, MARGIN, size, color);
      this.#y -= size * LINE;
    }
    this.#y -= gapAfter;
  }

  block(block: Block): void {
    if (block.kind === 'heading') {
      const size = block.level === 1 ? 15 : 12;
      // A section heading never ends a page: keep it with a few lines of what follows.
      if (block.level === 2) {
        this.#y -= 8;
        this.#ensure(size * LINE + SMALL * LINE + 60);
      }
      this.#paragraph(block.text.ja, size, INK, 0);
      this.#paragraph(block.text.en, SMALL + 1, MUTED, 6);
      return;
    }
    if (block.kind === 'note') {
      this.#paragraph(block.text.ja, BODY - 1, INK, 1);
      this.#paragraph(block.text.en, SMALL, MUTED, 6);
      return;
    }
    this.#table(block.table);
  }

  #table(table: Table): void {
    const n = table.columns.length;
    // The label column gives way to the figures when a table has many (years, change, target, n).
    const first = n > 6 ? 120 : Math.min(170, this.#width * 0.34);
    const other = (this.#width - first) / Math.max(1, n - 1);
    const widths = table.columns.map((_, i) => (i === 0 ? first : other));
    const pad = 3;

    this.#paragraph(table.caption.ja, BODY, INK, 0);
    this.#paragraph(table.caption.en, SMALL, MUTED, 3);

    const header = () => {
      const lines = table.columns.map((c, i) => [
        ...this.wrap(c.ja, SMALL, widths[i]! - 2 * pad),
        ...this.wrap(c.en, SMALL - 1, widths[i]! - 2 * pad),
      ]);
      const height = Math.max(...lines.map((l) => l.length)) * SMALL * LINE + 2 * pad;
      this.#ensure(height + BODY * LINE * 2);
      this.#page.drawRectangle({
        x: MARGIN,
        y: this.#y - height,
        width: this.#width,
        height,
        color: HEAD_FILL,
      });
      let x = MARGIN;
      table.columns.forEach((c, i) => {
        const ja = this.wrap(c.ja, SMALL, widths[i]! - 2 * pad);
        const en = this.wrap(c.en, SMALL - 1, widths[i]! - 2 * pad);
        let y = this.#y - pad;
        for (const l of ja) {
          this.#page.drawText(l, { x: x + pad, y: y - SMALL, size: SMALL, font: this.font, color: INK });
          y -= SMALL * LINE;
        }
        for (const l of en) {
          this.#page.drawText(l, {
            x: x + pad,
            y: y - (SMALL - 1),
            size: SMALL - 1,
            font: this.font,
            color: MUTED,
          });
          y -= SMALL * LINE;
        }
        x += widths[i]!;
      });
      this.#y -= height;
    };

    header();
    for (const row of table.rows) {
      const lines = row.map((cell, i) => this.wrap(cell.text, BODY - 1, widths[i]! - 2 * pad));
      const height = Math.max(1, ...lines.map((l) => l.length)) * (BODY - 1) * LINE + 2 * pad;
      if (this.#ensure(height)) header();
      let x = MARGIN;
      row.forEach((cell: Cell, i) => {
        let y = this.#y - pad;
        for (const l of lines[i]!) {
          const w = this.font.widthOfTextAtSize(l, BODY - 1);
          const left = cell.format === 'text' ? x + pad : x + widths[i]! - pad - w;
          this.#page.drawText(l, { x: left, y: y - (BODY - 1), size: BODY - 1, font: this.font, color: INK });
          y -= (BODY - 1) * LINE;
        }
        x += widths[i]!;
      });
      this.#y -= height;
      this.#page.drawLine({
        start: { x: MARGIN, y: this.#y },
        end: { x: MARGIN + this.#width, y: this.#y },
        thickness: 0.4,
        color: RULE,
      });
    }
    this.#y -= 10;
  }

  /** The title and "page / pages" at the foot of every page. */
  footers(title: string): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = `${i + 1} / ${pages.length}`;
      page.drawText(title, { x: MARGIN, y: MARGIN - 18, size: SMALL, font: this.font, color: MUTED });
      const w = this.font.widthOfTextAtSize(label, SMALL);
      page.drawText(label, {
        x: A4[0] - MARGIN - w,
        y: MARGIN - 18,
        size: SMALL,
        font: this.font,
        color: MUTED,
      });
    });
  }
}
