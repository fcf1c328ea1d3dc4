/**
 * Performance budget of issue 3: the top and login pages work without JavaScript, and each transfers at most 150 KB
 * (compressed, everything it loads) on a first visit. Measured in Chromium through the DevTools protocol on the real
 * server (embedded PostgreSQL in a temporary directory). Run: `npm run bench:pages`.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { freePort, startServerProcess } from '../test/support/server-process.js';
import { launchChromium } from '../test/support/browser.js';

const BUDGET_BYTES = 150 * 1024;
const PAGES = ['/', '/login'];

execSync('node client/build-if-stale.mjs', { stdio: 'inherit' });
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ras-bench-'));
await chmod(dataDir, 0o755);
const server = await startServerProcess({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: process.env.DATABASE_URL ?? '', SMTP_URL: '' });
const browser = await launchChromium();
let failed = false;
try {
  for (const javaScript of [true, false]) {
    for (const pathname of PAGES) {
      const context = await browser.newContext({ javaScriptEnabled: javaScript });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      let bytes = 0;
      let requests = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
        requests += 1;
      });
      const res = await page.goto(server.url + pathname, { waitUntil: 'networkidle' });
      const ok = res?.status() === 200 && (await page.locator('h1').count()) > 0;
      const within = bytes <= BUDGET_BYTES;
      failed ||= !ok || !within;
      console.log(
        `${pathname.padEnd(8)} JS ${javaScript ? 'on ' : 'off'}  ${(bytes / 1024).toFixed(1).padStart(6)} KB in ${String(requests).padStart(2)} requests` +
          `  budget ${(BUDGET_BYTES / 1024).toFixed(0)} KB  ratio ${(bytes / BUDGET_BYTES).toFixed(2)}  ${ok && within ? 'OK' : 'OVER/BROKEN'}`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
