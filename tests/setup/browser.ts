import { ensureChromium } from '../support/browser';

/** Before the browser suites: make sure Chromium is there (Debian's package, installed if missing). */
export default function setup(): void {
  ensureChromium();
}
