/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { immutable } from '$app/manifest';

/**
 * The /verify page offline (docs/spec/coe.md "The signed code"): registered by that page only, with the scope
 * `/verify` (vite.config.ts turns SvelteKit's site-wide registration off), so it sees nothing but the navigations to
 * /verify and the requests of that page — no account page, no form post, no personal data ever passes through it.
 *
 * - the page itself: network first (a fresh page and CSP when online), the last copy when offline;
 * - the published keys (/.well-known/coe-keys.json): network first, the last copy when offline (the page also keeps
 *   them in localStorage);
 * - the build's immutable files (scripts, styles: content-hashed names): cached at install, served from the cache.
 *
 * A new build is a new cache name; the old caches are removed when the new worker activates.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const PAGE = '/verify';
const KEYS = '/.well-known/coe-keys.json';
const IMMUTABLE = new Set(immutable.map((f) => `/${f.path.replace(/^\//, '')}`));
/** one cache per build: named after its files (content-hashed names), so a new build gets a new cache */
const CACHE = `verify-offline-${[...IMMUTABLE].sort().join('|').split('').reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7) >>> 0}`;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...IMMUTABLE]);
      // the page and the keys as they are now (the page that registered this worker was loaded before it existed)
      await Promise.all([PAGE, KEYS].map(async (path) => {
        const res = await fetch(path, { credentials: 'same-origin', cache: 'no-cache' });
        if (res.ok) await cache.put(path, res);
      }));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('verify-offline-') && name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === PAGE && !url.search) {
    event.respondWith(networkFirst(request, PAGE));
  } else if (url.pathname === KEYS) {
    event.respondWith(networkFirst(request, KEYS));
  } else if (IMMUTABLE.has(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
  }
});
