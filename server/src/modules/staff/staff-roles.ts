/** staff.md "Staff and roles": a staff member may hold several roles; every operation names the roles that may run it. */
export const STAFF_ROLES = ['COUNTER_CLERK', 'SUPERVISOR', 'NOTICE_EDITOR', 'AUDITOR', 'STAFF_ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The eight regional bureaus (地方出入国在留管理局) and the three district offices (支局). */
export const BUREAUS = ['SAPPORO', 'SENDAI', 'TOKYO', 'NAGOYA', 'OSAKA', 'HIROSHIMA', 'TAKAMATSU', 'FUKUOKA', 'YOKOHAMA', 'KOBE', 'NAHA'] as const;
export type Bureau = (typeof BUREAUS)[number];

export const STAFF_STATUSES = ['ACTIVE', 'DISABLED'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const SECOND_FACTOR_METHODS = ['TOTP', 'PASSKEY'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

export const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);
export const isBureau = (value: string): value is Bureau => (BUREAUS as readonly string[]).includes(value);

/** Lockout (staff.md "Staff sessions"): five failed passwords, or five failed second factors, lock for 30 minutes. */
export const STAFF_LOCKOUT = { threshold: 5, seconds: 1800 } as const;
/** Enrolment links live 24 hours (staff.md); the step between password and second factor five minutes. */
export const STAFF_ENROLMENT_LINK_SECONDS = 86_400;
export const STAFF_LOGIN_CHALLENGE_SECONDS = 300;
