import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Lang, Localized } from '../../../shared/i18n/localized';
import { MESSAGES, type MessageKey } from './messages';
import type { PAGE_MESSAGES } from './messages-pages';

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

type Words = Record<string, readonly [string, string]>;

/** The other pages' words once loaded (messages-pages.ts, its own chunk). */
let pageWords: Words | null = null;
let pageWordsLoading: Promise<void> | null = null;

/**
 * Loads the words of the pages after the first; app.tsx waits for it beside
 * each such page's chunk, so a page never renders before its words. A
 * failed load may be tried again (the page's error box offers a reload).
 */
export function loadPageMessages(): Promise<void> {
  pageWordsLoading ??= import('./messages-pages').then(
    (m: { PAGE_MESSAGES: typeof PAGE_MESSAGES }) => {
      pageWords = m.PAGE_MESSAGES;
    },
    (error: unknown) => {
      pageWordsLoading = null;
      throw error;
    },
  );
  return pageWordsLoading;
}

function wordsOf(key: string): readonly [string, string] | undefined {
  return (MESSAGES as Words)[key] ?? pageWords?.[key];
}

/** True when `key` names a message that is loaded now (for keys made from data, as the audit log's). */
export function hasMessage(key: string): key is MessageKey {
  return wordsOf(key) !== undefined;
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
      // A key whose words are not loaded shows as itself (tests/web keeps the first page's words in the entry).
      t: (key, vars) => {
        const words = wordsOf(key);
        return words ? fill(words[lang === 'ja' ? 0 : 1], vars) : key;
      },
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
