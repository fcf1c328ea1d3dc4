import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdirSync } from 'node:fs';

/** Debian's Chromium, launched the way this machine needs (no sandbox as root, no background network). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

export function newContext(browser: Browser, opts: { javaScript?: boolean; locale?: 'ja' | 'en' } = {}): Promise<BrowserContext> {
  return browser.newContext({
    javaScriptEnabled: opts.javaScript ?? true,
    locale: opts.locale === 'en' ? 'en-US' : 'ja-JP',
    extraHTTPHeaders: { 'accept-language': opts.locale === 'en' ? 'en' : 'ja' },
    viewport: { width: 1100, height: 900 },
  });
}

export const SCREENSHOT_DIR = 'test-results/screenshots';
mkdirSync(SCREENSHOT_DIR, { recursive: true });
