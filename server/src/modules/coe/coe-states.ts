import { isPastDate } from './coe-dates.js';

/** The states stored (docs/spec/coe.md "States"); EXPIRED is derived when read, never stored. */
export const COE_STORED_STATES = ['ISSUED', 'MAILED', 'RECEIPT_REGISTERED', 'REVOKED'] as const;
export type CoeStoredState = (typeof COE_STORED_STATES)[number];

export const COE_STATES = [...COE_STORED_STATES, 'EXPIRED'] as const;
export type CoeState = (typeof COE_STATES)[number];

/** The state as shown on `today` (a Tokyo date): a revocation stays a revocation; anything else past its last day is EXPIRED. */
export function effectiveState(stored: CoeStoredState, expiresOn: string, today: string): CoeState {
  if (stored === 'REVOKED') return 'REVOKED';
  return isPastDate(expiresOn, today) ? 'EXPIRED' : stored;
}

/** The kinds of coe_event rows. */
export const COE_EVENT_KINDS = [
  'ISSUED',
  'MAIL_QUEUED',
  'MAIL_SENT',
  'RECEIPT_REGISTERED',
  'REVOKED',
  'REISSUED',
] as const;
export type CoeEventKind = (typeof COE_EVENT_KINDS)[number];
