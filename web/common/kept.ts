import { toBase64Url } from '../../shared/encoding/base64url';

/**
 * What a staff page keeps in this browser (localStorage), so that closing
 * the tab loses nothing. The key names the app and a group, never the code:
 * the rest is a hash of what identifies the item.
 */

/** `<prefix>:<22 characters of SHA-256(text)>`. */
export async function keptKey(prefix: string, text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `${prefix}:${toBase64Url(new Uint8Array(digest)).slice(0, 22)}`;
}

/** The value kept under a key, when it is there and has the right shape. */
export function readKept<T>(key: string, fits: (value: T) => boolean): T | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
    return value && typeof value === 'object' && fits(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a value; false when the browser refuses (private mode, full storage). */
export function keep(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function unkeep(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}
