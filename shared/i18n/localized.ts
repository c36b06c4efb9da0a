import * as z from 'zod';

/** Text shown to people: Japanese first, with English. */
export const Localized = z.strictObject({
  ja: z.string().min(1),
  en: z.string().min(1),
});
export type Localized = z.infer<typeof Localized>;

export type Lang = 'ja' | 'en';

/** Picks the text for a language, falling back to Japanese. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang] || text.ja;
}
