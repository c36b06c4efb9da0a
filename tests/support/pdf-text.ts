import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Each page's text as pdf.js extracts it, non-blank items joined by line (a line of a table is one string). */
export async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const strings = content.items.map((item) => ('str' in item ? item.str : ''));
    pages.push(strings.filter((str) => str.trim() !== '').join('\n'));
  }
  await doc.destroy();
  return pages;
}
