/** 利用者の区分: the five self-registering classes (screens.md), as enum names. */
export const USER_CLASSES = [
  'LAWYER_OR_SCRIVENER',
  'FOREIGN_NATIONAL',
  'LEGAL_REPRESENTATIVE',
  'RELATIVE',
  'COUNTER_COE_RECIPIENT',
] as const;
export type UserClassName = (typeof USER_CLASSES)[number];
