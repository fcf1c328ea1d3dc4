import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { pgArray, withDates } from '../../db/raw.js';
import { asStaffIssues, type StaffFieldIssue } from '../../errors/staff-error-code.js';
import { hasControlChars } from '../../lib/normalize.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { enqueueMail } from '../mail/outbox.js';
import { staffEnrolmentMail } from '../mail/templates.js';
import { checkNewPassword, passwordProblems, refusedUpfront } from '../password/password-policy.js';
import { auditBase, type StaffServiceContext } from './staff-context.js';
import { STAFF_ENROLMENT_LINK_SECONDS } from './staff-roles.js';
import { revokeStaffSessions } from './staff-session.service.js';
import { acceptTotpCode, isTotpCodeFormat, newTotpSecret, normalizeTotpCode, otpauthUrl, totpQrCode } from './totp.js';
import { passkeyRegistrationOptions, verifyPasskeyRegistration, type NewPasskey } from './webauthn.js';

/**
 * Issues an enrolment link for a staff member on `em`'s transaction: every older open link of the member is voided
 * (a newer link voids the older), the new one offers a fresh TOTP secret, and only the token's hash is stored. The URL
 * is built from PUBLIC_URL (security.md 17) and leads to the console's enrolment page.
 */
export async function issueEnrolmentLink(
  em: EntityManager,
  config: Config,
  opts: { staffId: string; createdBy: string | null; now: Date },
): Promise<{ url: string; expiresAt: Date }> {
  const { now } = opts;
  await em.execute('update staff_enrolment_link set voided_at = ? where staff_id = ? and used_at is null and voided_at is null', [now, opts.staffId]);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + STAFF_ENROLMENT_LINK_SECONDS * 1000);
  await em.execute(
    `insert into staff_enrolment_link (staff_id, token_hash, totp_secret, created_by, created_at, expires_at) values (?, ?, ?, ?, ?, ?)`,
    [opts.staffId, hashToken(token), newTotpSecret(), opts.createdBy, now, expiresAt],
  );
  return { url: `${config.publicUrl}/staff/enrol?token=${encodeURIComponent(token)}`, expiresAt };
}

/** Issues a link and queues its mail (ja then en) to the member's login ID, on `em`'s transaction. */
export async function mailEnrolmentLink(
  em: EntityManager,
  config: Config,
  member: { id: string; loginId: string; name: string },
  opts: { createdBy: string | null; now: Date; reset: boolean },
): Promise<void> {
  const link = await issueEnrolmentLink(em, config, { staffId: member.id, createdBy: opts.createdBy, now: opts.now });
  await enqueueMail(
    em,
    {
      kind: 'STAFF_ENROLMENT',
      to: member.loginId,
      ...staffEnrolmentMail(config, { name: member.name, loginId: member.loginId, link: link.url, expiresAt: link.expiresAt, reset: opts.reset }),
    },
    opts.now,
  );
}

interface LinkRow {
  id: string;
  staff_id: string;
  totp_secret: string;
  webauthn_challenge: string | null;
  expires_at: Date;
  login_id: string;
  name: string;
  bureau: string;
}

/**
 * The open link a token names: unused, not voided, not expired, of an ACTIVE member. A missing or mangled token is no
 * link without a look-up; an unknown one counts toward the per-client unknown-link limit (rules.md §7), as the
 * applicants' links do.
 */
async function usableLink(ctx: StaffServiceContext, rawToken: string | null | undefined): Promise<LinkRow | undefined> {
  const token = rawToken ?? '';
  if (!token || token.length > 200 || hasControlChars(token)) return undefined;
  const rows = await ctx.em.execute<(LinkRow & { used_at: unknown; voided_at: unknown; status: string })[]>(
    `select l.id, l.staff_id, l.totp_secret, l.webauthn_challenge, l.expires_at, l.used_at, l.voided_at,
            m.login_id, m.name, m.bureau, m.status
     from staff_enrolment_link l join staff_member m on m.id = l.staff_id where l.token_hash = ?`,
    [hashToken(token)],
  );
  if (!rows[0]) {
    await ctx.limits.consume('unknownLinkPerIp', ctx.ip);
    return undefined;
  }
  const link = withDates(rows[0], 'expires_at');
  const open = link.used_at === null && link.voided_at === null && link.expires_at > ctx.clock.now() && link.status === 'ACTIVE';
  return open ? link : undefined;
}

export interface EnrolmentView {
  loginId: string;
  name: string;
  bureau: string;
  expiresAt: Date;
  totpSecret: string;
  otpauthUrl: string;
  totpQrCode: string;
}

/** What the enrolment page shows for an open link (the secret only until the link is used); null otherwise. */
export async function enrolmentView(ctx: StaffServiceContext, token: string): Promise<EnrolmentView | null> {
  const link = await usableLink(ctx, token);
  if (!link) return null;
  const url = otpauthUrl(link.totp_secret, link.login_id);
  return {
    loginId: link.login_id,
    name: link.name,
    bureau: link.bureau,
    expiresAt: link.expires_at,
    totpSecret: link.totp_secret,
    otpauthUrl: url,
    totpQrCode: await totpQrCode(url),
  };
}

/**
 * The WebAuthn creation options for enrolling a passkey through an open link; the challenge is kept on the link until
 * enrolStaff checks the answer (a newer request replaces it). Null when the link is not open.
 */
export async function enrolmentPasskeyOptions(ctx: StaffServiceContext, token: string): Promise<string | null> {
  const link = await usableLink(ctx, token);
  if (!link) return null;
  const existing = await ctx.em.execute<{ credential_id: string }[]>('select credential_id from staff_passkey where staff_id = ?', [link.staff_id]);
  const { optionsJson, challenge } = await passkeyRegistrationOptions(
    ctx.config,
    { id: link.staff_id, loginId: link.login_id, name: link.name },
    existing.map((p) => p.credential_id),
  );
  await ctx.em.execute('update staff_enrolment_link set webauthn_challenge = ? where id = ?', [challenge, link.id]);
  return optionsJson;
}

export interface EnrolStaffValues {
  token?: string | null;
  password?: string | null;
  passwordConfirmation?: string | null;
  totpCode?: string | null;
  passkeyResponse?: string | null;
}

export type EnrolStaffOutcome =
  | { kind: 'enrolled'; loginId: string; methods: ('TOTP' | 'PASSKEY')[] }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'invalid-link' };

/** The link was used, voided or its member disabled between the first look and the lock: roll everything back. */
class LinkNoLongerUsable extends Error {}

const PASSKEY_RESPONSE_CAP = 20_000;

/**
 * enrolStaff: sets the password (the applicants' policy, argon2id through the shared hasher) and enrols the second
 * factor — TOTP (a code from the app that read the link's secret), a passkey (the answer to
 * staffPasskeyRegistrationOptions), or both — then consumes the link. Atomic: the link is consumed with
 * `update … where used_at is null returning`, so of parallel uses exactly one enrols; a re-enrolment (after a reset)
 * ends the member's sessions.
 */
export async function enrolStaff(ctx: StaffServiceContext, input: EnrolStaffValues): Promise<EnrolStaffOutcome> {
  const refused = (['password', 'passwordConfirmation'] as const)
    .filter((f) => typeof input[f] === 'string' && refusedUpfront(input[f]))
    .map((field): StaffFieldIssue => ({ field, code: 'WZBAM005E', item: field, ...(field === 'password' ? { problems: passwordProblems(input.password as string) } : {}) }));
  if (refused.length) return { kind: 'invalid-input', issues: refused };

  const link = await usableLink(ctx, input.token);
  if (!link) return { kind: 'invalid-link' };

  const issues: StaffFieldIssue[] = asStaffIssues(checkNewPassword({ password: input.password, confirmation: input.passwordConfirmation }));
  const rawCode = typeof input.totpCode === 'string' ? normalizeTotpCode(input.totpCode) : '';
  const passkeyJson = typeof input.passkeyResponse === 'string' ? input.passkeyResponse : '';
  let totpStep: number | null = null;
  let passkey: NewPasskey | null = null;
  if (!rawCode && !passkeyJson) {
    issues.push({ field: 'totpCode', code: 'WZBAM001E' });
  }
  if (rawCode) {
    if (!isTotpCodeFormat(rawCode)) issues.push({ field: 'totpCode', code: 'WZBAM005E', item: 'totpCode' });
    else if ((totpStep = acceptTotpCode(link.totp_secret, rawCode, ctx.clock.now(), null)) === null) {
      issues.push({ field: 'totpCode', code: 'STAFF_TOTP_CODE_INVALID', item: 'totpCode' });
    }
  }
  if (passkeyJson) {
    passkey =
      passkeyJson.length <= PASSKEY_RESPONSE_CAP && link.webauthn_challenge
        ? await verifyPasskeyRegistration(ctx.config, passkeyJson, link.webauthn_challenge)
        : null;
    if (!passkey) issues.push({ field: 'passkeyResponse', code: 'STAFF_PASSKEY_INVALID', item: 'passkey' });
  }
  if (issues.length) return { kind: 'invalid-input', issues };

  const passwordHash = await ctx.hasher.hash(input.password as string);
  const methods: ('TOTP' | 'PASSKEY')[] = [...(totpStep !== null ? ['TOTP' as const] : []), ...(passkey ? ['PASSKEY' as const] : [])];

  try {
    return await ctx.em.transactional(async (em): Promise<EnrolStaffOutcome> => {
      const now = ctx.clock.now();
      // the member's row first, then the link's: the order of every other change to a member (no deadlock with a
      // disabling or a reset running at the same moment)
      const [member] = await em.execute<{ id: string; status: string; bureau: string }[]>(
        'select id, status, bureau from staff_member where id = ? for update',
        [link.staff_id],
      );
      const consumed = await em.execute<{ id: string }[]>(
        'update staff_enrolment_link set used_at = ? where id = ? and used_at is null and voided_at is null and expires_at > ? returning id',
        [now, link.id, now],
      );
      if (!consumed.length) return { kind: 'invalid-link' };
      if (member?.status !== 'ACTIVE') throw new LinkNoLongerUsable();
      await em.execute(
        `update staff_member set password_hash = ?, totp_secret = ?, totp_last_step = ?, enrolled_at = ?,
           failed_password_count = 0, failed_second_factor_count = 0, locked_until = null, updated_at = ? where id = ?`,
        [passwordHash, totpStep !== null ? link.totp_secret : null, totpStep, now, now, member.id],
      );
      if (passkey) {
        await em.execute(
          `insert into staff_passkey (staff_id, credential_id, public_key, counter, transports, created_at) values (?, ?, ?, ?, ?::varchar[], ?)`,
          [member.id, passkey.credentialId, Buffer.from(passkey.publicKey), passkey.counter, pgArray(passkey.transports), now],
        );
      }
      await em.execute('update staff_enrolment_link set voided_at = ? where staff_id = ? and used_at is null and voided_at is null', [now, member.id]);
      await revokeStaffSessions(em, member.id, 'SECOND_FACTOR_RESET', now);
      await appendAuditEvent(
        em,
        { ...auditBase(ctx, { id: member.id, bureau: member.bureau }), action: 'STAFF_ENROLLED', target: member.id, details: { methods } },
        now,
        ctx.log,
      );
      return { kind: 'enrolled', loginId: link.login_id, methods };
    });
  } catch (err) {
    if (err instanceof LinkNoLongerUsable) return { kind: 'invalid-link' };
    throw err;
  }
}
