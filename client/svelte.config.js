import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    // Form actions check the Origin header (SvelteKit's CSRF protection, security.md 24).
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
    version: { pollInterval: 0 },
  },
};

export default config;
