import { ensureChromium } from '../support/browser';
import { onlyListing } from './listing';

/**
 * Before the browser suites: make sure Chromium is there (Debian's package, installed if missing).
 * Not for `vitest list`, which launches no browser.
 */
export default function setup(): void {
  if (onlyListing()) return;
  ensureChromium();
}
