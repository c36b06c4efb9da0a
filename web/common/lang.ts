/**
 * The page language: Japanese first, English by a switch, remembered on the
 * device. Kept apart from shared/i18n (which imports zod) to stay small.
 */
export type Lang = 'ja' | 'en';

/** Text in both languages; English may be missing, then Japanese is shown. */
export interface Text {
  ja: string;
  en?: string | undefined;
}

const KEY = 'koe:lang';

/** False once the person said the device is shared: the choice of language is not kept either. */
let remember = true;

export function pick(text: Text, lang: Lang): string {
  return (lang === 'en' && text.en) || text.ja;
}

export function savedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

/** Remembers the language and sets it on <html> so screen readers pronounce the page right. */
export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  if (!remember) return;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Storage may be unavailable (private mode); the switch still works for this visit.
  }
}

/** A shared device: forget the kept language and keep none for the rest of this visit. */
export function forgetLang(): void {
  remember = false;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing kept.
  }
}
