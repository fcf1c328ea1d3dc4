/**
 * Lets V8 optimise the server's request code sooner: a function is compiled by TurboFan once it has run about
 * interrupt-budget bytes of bytecode (three times over), by default 66 KB. A login runs hundreds of small functions
 * once each (Express, Apollo, the resolver, pg, pino), so at tens of logins a second most of them stayed in V8's
 * baseline tier for minutes after a start, paying for megamorphic inline-cache lookups on every property access.
 * With 8 KB they are optimised within seconds. Measured (`npm run bench:login-cpu`, 2026-11-26, alternated): the
 * main thread's CPU per login fell from 2.07–2.33 ms to 1.63–1.96 ms, and argon2's share of all CPU used under the
 * login load rose from 83.0–83.4 % to 83.6–85.0 %; 4 KB gained nothing more. The cost is compilation on V8's
 * helper threads, which that share includes.
 *
 * Set here rather than as a node option so that `npm start`, `npm run worker` and the tests' servers share it.
 */
require('node:v8').setFlagsFromString('--interrupt-budget=8192');
