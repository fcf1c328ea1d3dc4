import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdirSync } from 'node:fs';

/** Debian's Chromium, launched the way this machine needs (no sandbox as root, no background network). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `backForwardCache`: Playwright turns Chromium's back/forward cache off by default (--disable-back-forward-cache);
 * tests of what a page restored from it shows turn it back on.
 */
export function launchChromium(opts: { backForwardCache?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ignoreDefaultArgs: opts.backForwardCache ? ['--disable-back-forward-cache'] : undefined,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A browser context for one variant. With JavaScript on, every page's `goto` waits for the network to go quiet — for
 * the page's scripts to load and hydrate it — unless the test passes its own `waitUntil`: tests of what the script
 * does (no page reload, a dialog, keys it handles) would otherwise act on the bare server-rendered HTML when the
 * machine is slow, and meet the browser's own behaviour instead.
 */
export async function newContext(browser: Browser, opts: { javaScript?: boolean; locale?: 'ja' | 'en' } = {}): Promise<BrowserContext> {
  const javaScript = opts.javaScript ?? true;
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    locale: opts.locale === 'en' ? 'en-US' : 'ja-JP',
    extraHTTPHeaders: { 'accept-language': opts.locale === 'en' ? 'en' : 'ja' },
    viewport: { width: 1100, height: 900 },
  });
  if (javaScript) {
    context.on('page', (page) => {
      const goto = page.goto.bind(page);
      page.goto = (url, options) => goto(url, { waitUntil: 'networkidle', ...options });
    });
  }
  return context;
}

export const SCREENSHOT_DIR = 'test-results/screenshots';
mkdirSync(SCREENSHOT_DIR, { recursive: true });
