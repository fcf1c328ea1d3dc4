import type { ErrorCode } from '../../errors/error-code.js';
import { errorMessage } from '../../i18n/error-messages.js';
import type { Locale } from '../../i18n/locale.js';
import type { UserClassName } from './user.entity.js';
import type { MenuKey } from './user.types.js';

const NOT_BUILT: Record<Locale, string> = {
  ja: 'この機能は本システムではまだ利用できません。',
  en: 'This function is not available in this system yet.',
};

const APPLICATION_FUNCTIONS: MenuKey[] = ['APPLICATION_ENTRY', 'APPLICATION_BULK_ENTRY', 'APPLICATION_SEARCH'];

/**
 * The menu (screen 6). The application functions are not part of this product yet: unavailable for every class,
 * and for the counter class the reason is WZBAM250E, the same answer their permission rule will give when they exist.
 * The restricted session after WZBAM158E may only change the password: user information is unavailable to it, for
 * that reason, as `updateUser` answers it FORBIDDEN. The counter class (COUNTER_COE_RECIPIENT) also has the tile
 * 在留資格認定証明書（電子交付） — its COEs (`myCoes` is for that class only, docs/spec/coe.md) — unavailable to the
 * restricted session like user information; the other classes have no such tile.
 */
export function menuFor(
  userClass: UserClassName,
  locale: Locale,
  restricted = false,
): { key: MenuKey; available: boolean; unavailableReason: ErrorCode | null; unavailableMessage: string | null }[] {
  const reason: ErrorCode | null = userClass === 'COUNTER_COE_RECIPIENT' ? 'WZBAM250E' : null;
  return [
    ...APPLICATION_FUNCTIONS.map((key) => ({
      key,
      available: false,
      unavailableReason: reason,
      unavailableMessage: reason ? errorMessage(reason, locale) : NOT_BUILT[locale],
    })),
    ...(userClass === 'COUNTER_COE_RECIPIENT' ? [restricted ? unavailableInRestricted('COE', locale) : availableItem('COE')] : []),
    restricted ? unavailableInRestricted('USER_INFO', locale) : availableItem('USER_INFO'),
  ];
}

function availableItem(key: MenuKey) {
  return { key, available: true, unavailableReason: null, unavailableMessage: null };
}

function unavailableInRestricted(key: MenuKey, locale: Locale) {
  return { key, available: false, unavailableReason: 'WZBAM158E' as ErrorCode, unavailableMessage: errorMessage('WZBAM158E', locale) };
}
