/** What `npm start` and `npm run worker` preload (--require) before any module of the server: see each file. */
require('./thread-pool.cjs');
require('./v8-tiering.cjs');
