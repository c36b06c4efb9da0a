/**
 * The report's font (docs/DESIGN.md §5): Noto Sans JP Regular (SIL Open Font
 * License 1.1), from @expo-google-fonts/noto-sans-jp. A module of constants
 * only, so the CDK app can name the file without loading the renderers.
 */

/** The font as a module path of the npm package (resolved locally). */
export const REPORT_FONT = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

/** The font's file name beside the report function's bundle (infra/bundling.ts copies it there). */
export const REPORT_FONT_FILE = 'NotoSansJP_400Regular.ttf';
