import type { ErrorCode } from '../../errors/error-code.js';
import type { UserClassName } from './user.entity.js';
import type { MenuKey } from './user.types.js';

const APPLICATION_FUNCTIONS: MenuKey[] = ['APPLICATION_ENTRY', 'APPLICATION_BULK_ENTRY', 'APPLICATION_SEARCH'];

/**
 * The menu (screen 6). The application functions are not part of this product yet: unavailable for every class,
 * and for the counter class the reason is WZBAM250E, the same answer their permission rule will give when they exist.
 */
export function menuFor(userClass: UserClassName): { key: MenuKey; available: boolean; unavailableReason: ErrorCode | null }[] {
  return [
    ...APPLICATION_FUNCTIONS.map((key) => ({
      key,
      available: false,
      unavailableReason: userClass === 'COUNTER_COE_RECIPIENT' ? ('WZBAM250E' as const) : null,
    })),
    { key: 'USER_INFO', available: true, unavailableReason: null },
  ];
}
