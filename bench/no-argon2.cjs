// Preloaded (--require) by `npm run bench:login-cpu` with BENCH_NO_ARGON2=1: argon2.verify answers "right password"
// on the next turn of the event loop without hashing, so what a login costs besides argon2 can be measured alone.
// Never used by the product or its tests.
const argon2 = require('argon2');
argon2.verify = () => new Promise((resolve) => setImmediate(() => resolve(true)));
