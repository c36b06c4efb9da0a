import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Lang, Localized } from '../../../shared/i18n/localized';
import { MESSAGES, type MessageKey } from './messages';

/**
 * Japanese by default, English by a switch. The choice is remembered on this
 * device (it is a preference, not a secret) and set as `lang` on <html>.
 */

const STORAGE_KEY = 'koe.console.lang';

export type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A message in the current language, with {name} placeholders filled. */
  t(key: MessageKey, vars?: Vars): string;
  /** Localized data (names from the API) in the current language. */
  l(text: { ja: string; en?: string } | Localized | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'ja') return stored;
  } catch {
    // storage may be unavailable; Japanese it is.
  }
  return 'ja';
}

export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; still switched.
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => fill(MESSAGES[key][lang === 'ja' ? 0 : 1], vars),
      l: (text) => (text ? (lang === 'en' && text.en ? text.en : text.ja) : ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
