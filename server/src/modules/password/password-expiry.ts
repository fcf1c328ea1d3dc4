import type { Config } from '../../config.js';

/** When a password set at `changedAt` expires (rules.md §3); null when expiry is off (PASSWORD_MAX_AGE_DAYS=0). */
export function passwordExpiresAt(config: Config, changedAt: Date | null | undefined): Date | null {
  if (!config.passwordMaxAgeDays || !changedAt) return null;
  return new Date(changedAt.getTime() + config.passwordMaxAgeDays * DAY_MS);
}

/** The change time at or before which a password has expired by `now`; null when expiry is off. */
export function passwordExpiryCutoff(config: Config, now: Date): Date | null {
  return config.passwordMaxAgeDays ? new Date(now.getTime() - config.passwordMaxAgeDays * DAY_MS) : null;
}

const DAY_MS = 86_400_000;
