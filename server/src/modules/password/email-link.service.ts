import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { LinkPurpose } from './email-link.entity.js';

/**
 * Issues a password link for an account, voiding every older unused link of the account on the same transaction
 * (a newer link invalidates older ones, rules.md §6). The link is bound to the address it is sent to and built from
 * PUBLIC_URL, never from the request's Host header (security.md 17).
 */
export async function issueEmailLink(
  em: EntityManager,
  config: Config,
  opts: { userId: string; purpose: LinkPurpose; email: string; now: Date },
): Promise<{ url: string; expiresAt: Date }> {
  const { now } = opts;
  await em.execute('update email_link set voided_at = ? where user_id = ? and used_at is null and voided_at is null', [now, opts.userId]);
  const token = newToken();
  const seconds = opts.purpose === 'RESET' ? config.resetLinkSeconds : config.registrationLinkSeconds;
  const expiresAt = new Date(now.getTime() + seconds * 1000);
  await em.execute(
    'insert into email_link (user_id, purpose, token_hash, email, created_at, expires_at) values (?, ?, ?, ?, ?, ?)',
    [opts.userId, opts.purpose, hashToken(token), opts.email, now, expiresAt],
  );
  return { url: `${config.publicUrl}/password/set?token=${encodeURIComponent(token)}`, expiresAt };
}
