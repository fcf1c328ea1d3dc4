/**
 * The `me` baseline: a bare node:http + pg server doing the same work as the product's authenticated `me` — hash the
 * bearer token, find the live session, slide its idle deadline and read the user, in one statement — and answering
 * JSON. Everything the product adds on top (Express, Apollo, parsing, validation, permissions, the ORM) is what the
 * ratio measures.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT);
const idleSeconds = 1800;

const SQL = `with touched as (
    update session set last_seen_at = now()
    where token_hash = $1 and revoked_at is null and last_seen_at > now() - make_interval(secs => $2) and expires_at > now()
    returning user_id
  )
  select u.auth_id, u.name, u.email, u.previous_login_at from touched join user_account u on u.id = touched.user_id`;

http
  .createServer(async (req, res) => {
    if (req.url === '/ready') return void res.end('ok');
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    for await (const _ of req); // read the body like a GraphQL server must
    const hash = createHash('sha256').update(token).digest('hex');
    const { rows } = await pool.query({ name: 'me', text: SQL, values: [hash, idleSeconds] });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { me: rows[0] ? { authId: rows[0].auth_id, name: rows[0].name, email: rows[0].email } : null } }));
  })
  .listen(port, '127.0.0.1');
