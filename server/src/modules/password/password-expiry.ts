import type { Config } from '../../config.js';

/** When a password set at `changedAt` expires (rules.md §3); null when expiry is off (PASSWORD_MAX_AGE_DAYS=0). */
export function passwordExpiresAt(config: Config, changedAt: Date | null | undefined): Date | null {
  if (!config.passwordMaxAgeDays || !changedAt) return null;
  return new Date(changedAt.getTime() + config.passwordMaxAgeDays * 86_400_000);
}
