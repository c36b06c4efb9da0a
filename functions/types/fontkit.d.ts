/** The part of fontkit 2 (MIT) koe uses: opening a font and subsetting it (functions/report/fontkit.ts). */
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}
