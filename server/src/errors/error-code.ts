/**
 * Every code a result can carry. The manual's WZBAM codes keep their names; the few this system adds
 * have descriptive names that cannot collide with them (rules.md §2).
 */
export const ERROR_CODES = [
  'WZBAM001E', 'WZBAM005E', 'WZBAM011E', 'WZBAM018E', 'WZBAM023E', 'WZBAM098E', 'WZBAM099E',
  'WZBAM103E', 'WZBAM104E', 'WZBAM111E', 'WZBAM150E', 'WZBAM151E', 'WZBAM153E', 'WZBAM154E',
  'WZBAM155E', 'WZBAM156E', 'WZBAM158E', 'WZBAM159E', 'WZBAM160E', 'WZBAM162E', 'WZBAM168E',
  'WZBAM244E', 'WZBAM245E', 'WZBAM250E', 'WZBAM256E',
  'PASSWORD_TOO_COMMON', 'PASSWORD_CONTAINS_AUTH_ID', 'PASSWORD_SAME_AS_CURRENT', 'LINK_INVALID',
  // the electronic COE (docs/spec/coe.md)
  'COE_LINK_INVALID', 'COE_NOT_YOURS', 'COE_REVOKED_OR_EXPIRED', 'COE_NOT_FOUND',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
