import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function hasJapaneseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * Debian's Chromium (and a Japanese font): found where apt puts it, or installed with apt-get when
 * missing (CI runs as root). Nothing downloads a browser build of its own.
 */
export function ensureChromium(): string {
  const configured = process.env.KOE_CHROMIUM;
  if (configured && existsSync(configured)) return configured;
  const found = CANDIDATES.find((c) => existsSync(c));
  if (found && hasJapaneseFont()) return found;
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    // A Japanese font too, so screenshots show text rather than empty boxes.
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-ipafont-gothic'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    if (found) return found;
    throw new Error(
      `Chromium is not installed and apt-get could not install it (${(err as Error).message}). ` +
        'Install it with: apt-get update && apt-get install -y chromium',
    );
  }
  for (const candidate of CANDIDATES) if (existsSync(candidate)) return candidate;
  throw new Error('apt-get finished but no chromium binary was found');
}

/**
 * Headless Chromium with the flags this machine needs (no background network,
 * no sandbox as root). Playwright gives each launch a fresh temporary profile.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where tests write screenshots and other artifacts. */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');
