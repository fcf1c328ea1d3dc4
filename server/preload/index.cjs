/**
 * What `npm start` and `npm run worker` preload (--require) before any module of the server: see each file.
 *
 * No V8 flags: on Node 20 a lower interrupt budget (--interrupt-budget=8192) let V8 optimise request code sooner, but
 * that flag no longer exists on Node 22+ (their Maglev tier optimises such code early anyway) and its nearest
 * equivalents (--invocation-count-for-turbofan=300 --invocation-count-for-maglev=50) changed nothing measurable on
 * Node 24 (docs/performance.md, 2026-12-07), so none is set. test/unit/preload/node-options.test.ts checks that every
 * Node or V8 option the product passes exists on the running Node.
 */
require('./thread-pool.cjs');
