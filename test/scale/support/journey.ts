import { LOGIN, ME, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../../support/fixtures.js';
import { extractAuthId, extractLinks, type MailCapture } from '../../support/smtp-receiver.js';

/**
 * What one request came to:
 * - `ok`: the expected answer;
 * - `WZBAM098E`: the product's clean system-error answer (GraphQL), or an error page of the product (it carries
 *   the request id as a reference number);
 * - `haproxy-503`: HAProxy had no instance in service (all failed /readyz) and answered 503 itself;
 * - `haproxy-502`: the instance died with the request in flight (SIGKILL): HAProxy got no answer;
 * - `network`: no HTTP answer at all (HAProxy closes the connection of a request cut by an instance's death);
 * - `other`: anything else (a bug).
 */
export type Result = 'ok' | 'WZBAM098E' | 'haproxy-503' | 'haproxy-502' | 'network' | 'other';

export interface Outcome {
  /** ms since the load started, when the request was sent and when its answer came */
  sentAt: number;
  doneAt: number;
  op: 'register' | 'setPassword' | 'login' | 'me' | 'page';
  result: Result;
  detail?: string;
}

/** Recorded outcomes and the registrations that were accepted (their addresses). */
export class Recorder {
  readonly outcomes: Outcome[] = [];
  readonly accepted = new Set<string>();
  /** addresses whose setPassword answered PasswordSet */
  readonly passwordsSet = new Set<string>();
  /** the session tokens of successful logins */
  readonly sessionTokens: string[] = [];
  readonly mailWaitTimeouts: string[] = [];
  constructor(readonly started = Date.now()) {}
  now(): number {
    return Date.now() - this.started;
  }
}

async function classifyHttp(res: Response): Promise<{ result: Result; json?: any; detail?: string }> {
  const body = await res.text();
  const fromProduct = res.headers.has('x-request-id');
  if (!fromProduct && res.status === 503) return { result: 'haproxy-503' };
  if (!fromProduct && (res.status === 502 || res.status === 504)) return { result: 'haproxy-502', detail: String(res.status) };
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    // a page (HTML): fine when 200; the product's error page (its reference number) on a 5xx
    if (res.ok) return { result: 'ok' };
    return { result: fromProduct && res.status >= 500 ? 'WZBAM098E' : 'other', detail: `${res.status} ${body.slice(0, 120)}` };
  }
  const code = json?.errors?.[0]?.extensions?.code;
  if (code === 'WZBAM098E') return { result: 'WZBAM098E', json };
  if (json?.errors) return { result: 'other', json, detail: JSON.stringify(json.errors).slice(0, 200) };
  return { result: 'ok', json };
}

async function send(rec: Recorder, op: Outcome['op'], request: () => Promise<Response>, accept: (json: any) => boolean): Promise<any> {
  const sentAt = rec.now();
  let outcome: { result: Result; json?: any; detail?: string };
  try {
    outcome = await classifyHttp(await request());
  } catch (err) {
    outcome = { result: 'network', detail: String((err as Error)?.cause ?? err).slice(0, 120) };
  }
  if (outcome.result === 'ok' && outcome.json && !accept(outcome.json)) {
    outcome = { result: 'other', detail: JSON.stringify(outcome.json).slice(0, 200) };
  }
  rec.outcomes.push({ sentAt, doneAt: rec.now(), op, result: outcome.result, ...(outcome.detail ? { detail: outcome.detail } : {}) });
  if (outcome.result === 'ok') return outcome.json ?? true;
  // a failed step: a short pause, so that a user retrying during an outage does not spin
  await new Promise((resolve) => setTimeout(resolve, 250));
  return undefined;
}

function gql(base: string, query: string, variables?: unknown, token?: string): () => Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return () => fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
}

/**
 * One virtual user: register → the mail (its 認証ID and link) → setPassword → login → a few `me` and page GETs,
 * again with a new address, until `stop()` says so. A step that fails ends the round (the next one registers anew).
 */
export async function virtualUser(base: string, smtp: MailCapture, rec: Recorder, vu: number, stop: () => boolean): Promise<void> {
  for (let round = 0; !stop(); round++) {
    const email = `vu${vu}r${round}@example.jp`;
    const registered = await send(rec, 'register', gql(base, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } }), (j) => j.data?.register?.__typename === 'RegistrationAccepted');
    if (!registered) continue;
    rec.accepted.add(email);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && /認証ID/.test(m.text), 30_000).catch(() => undefined);
    if (!mail) {
      rec.mailWaitTimeouts.push(email);
      continue;
    }
    const authId = extractAuthId(mail.text)!;
    const token = new URL(extractLinks(mail.text).find((l) => l.includes('token='))!).searchParams.get('token');
    const set = await send(rec, 'setPassword', gql(base, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } }), (j) => j.data?.setPassword?.__typename === 'PasswordSet');
    if (!set) continue;
    rec.passwordsSet.add(email);
    if (stop()) continue;
    const login = await send(rec, 'login', gql(base, LOGIN, { input: { authId, password: PASSWORD } }), (j) => j.data?.login?.__typename === 'LoginSuccess');
    if (!login) continue;
    const session = login.data.login.token as string;
    rec.sessionTokens.push(session);
    for (let i = 0; i < 3 && !stop(); i++) {
      await send(rec, 'me', gql(base, ME, undefined, session), (j) => j.data?.me?.authId === authId);
      await send(rec, 'page', () => fetch(`${base}/${i % 2 ? 'login' : ''}`, { signal: AbortSignal.timeout(30_000) }), () => true);
    }
  }
}
