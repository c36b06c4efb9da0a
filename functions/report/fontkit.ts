import { EventEmitter } from 'node:events';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * fontkit 2 for pdf-lib. pdf-lib's own fork (@pdf-lib/fontkit, fontkit 1)
 * subsets Noto Sans JP wrongly: the text still extracts, but many glyphs of
 * the subset are empty, so a printed report misses characters (seen with
 * poppler and checked by tests/functions/api/report.test.ts). fontkit 2
 * subsets it correctly; pdf-lib asks the subset for `encodeStream()`, which
 * fontkit 2 replaced by `encode()`, so that one call is adapted here.
 */

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => EventEmitter;
}

export const fontkitForPdfLib: Fontkit = {
  create(bytes: Uint8Array) {
    const font = (fontkit as unknown as { create(b: Buffer): { createSubset(): Subset } }).create(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => {
        const events = new EventEmitter();
        queueMicrotask(() => {
          try {
            events.emit('data', subset.encode());
            events.emit('end');
          } catch (err) {
            events.emit('error', err);
          }
        });
        return events;
      };
      return subset;
    };
    return font as unknown as ReturnType<Fontkit['create']>;
  },
};
