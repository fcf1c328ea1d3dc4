import type { StaffRole } from './graphql/generated/graphql';

/** The actions on a COE its page offers, with the roles the API lets run them (docs/spec/coe.md "Staff API"). */
export const COE_ACTIONS = ['resend', 'revoke', 'reissue'] as const;
export type CoeAction = (typeof COE_ACTIONS)[number];

export const COE_ACTION_ROLES: Record<CoeAction, StaffRole[]> = {
  resend: ['COUNTER_CLERK', 'SUPERVISOR'],
  revoke: ['SUPERVISOR'],
  reissue: ['SUPERVISOR'],
};

/** The roles that may issue a COE (issueCoe). */
export const COE_ISSUERS: StaffRole[] = ['COUNTER_CLERK', 'SUPERVISOR'];

/** Whether an account may receive a COE now (issueCoe answers InvalidStateError otherwise: the page does not offer it). */
export function mayReceiveCoe(a: { userClass: string; status: string }): boolean {
  return a.userClass === 'COUNTER_COE_RECIPIENT' && a.status === 'ACTIVE';
}

/** Whether the action fits the COE's state (a revoked or expired COE is only read; revoking an expired one is allowed). */
export function coeActionFits(action: CoeAction, state: string): boolean {
  if (state === 'REVOKED') return false;
  return action === 'revoke' || state !== 'EXPIRED';
}

export function coeActionsFor(roles: StaffRole[], state: string): CoeAction[] {
  return COE_ACTIONS.filter((a) => COE_ACTION_ROLES[a].some((r) => roles.includes(r)) && coeActionFits(a, state));
}

export function isCoeAction(value: unknown): value is CoeAction {
  return typeof value === 'string' && (COE_ACTIONS as readonly string[]).includes(value);
}
