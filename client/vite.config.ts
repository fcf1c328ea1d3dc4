import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// SvelteKit 3 takes its configuration here (svelte.config.js is no longer read).
export default defineConfig({
  plugins: [
    sveltekit({
      preprocess: vitePreprocess(),
      adapter: adapter({ out: 'build', precompress: true }),
      // Form actions check the Origin header (SvelteKit's CSRF protection, security.md 24). No other site may post.
      // `paths.origin` stays unset: the public origin (PUBLIC_URL) is known only when the server starts, not at build
      // time; server/src/http/web-client.ts hands it to adapter-node (docs/decisions.md, SvelteKit 3).
      csrf: { trustedOrigins: [] },
      // No inline script without a hash; no framing; nothing third-party (security.md 18, 25).
      csp: {
        mode: 'hash',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // SvelteKit's route announcer (screen-reader announcement of client-side navigation) positions itself with a
          // style attribute; style attributes cannot run code, style elements and scripts stay hash/self only.
          'style-src-attr': ['unsafe-inline'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
          'base-uri': ['self'],
          'object-src': ['none'],
        },
      },
      // No polling for a new deployment (SvelteKit 3 would poll hourly); it still notices one on a data or form
      // response and when the tab regains focus, and then loads the next page in full.
      version: { pollInterval: 0 },
      // The service worker (src/service-worker.ts) keeps the /verify page usable offline; that page registers it with
      // the scope /verify, so SvelteKit's registration on every page (scope /) is off.
      serviceWorker: { register: false },
    }),
  ],
  build: { target: 'es2022' },
});
