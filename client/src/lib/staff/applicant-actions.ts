import type { StaffRole } from './graphql/generated/graphql';

/** The actions on an applicant account the detail page offers, with the roles the API lets run them (staff.md). */
export const APPLICANT_ACTIONS = ['unlock', 'resetLink', 'renotify', 'suspend', 'resume', 'expiry', 'deletion', 'emailCorrection'] as const;
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number];

const CLERK: StaffRole[] = ['COUNTER_CLERK', 'SUPERVISOR'];
const SUPERVISOR: StaffRole[] = ['SUPERVISOR'];

export const ACTION_ROLES: Record<ApplicantAction, StaffRole[]> = {
  unlock: CLERK,
  resetLink: CLERK,
  renotify: CLERK,
  suspend: SUPERVISOR,
  resume: SUPERVISOR,
  expiry: SUPERVISOR,
  deletion: CLERK,
  emailCorrection: CLERK,
};

/** The extra field an action asks for besides the reason and the reception number. */
export const ACTION_EXTRA: Partial<Record<ApplicantAction, 'usageExpiresOn' | 'newEmail'>> = { expiry: 'usageExpiresOn', emailCorrection: 'newEmail' };

/**
 * Whether the action fits the account's state now (the API answers InvalidStateError otherwise; the page does not
 * offer what would only be refused).
 */
export function actionFits(action: ApplicantAction, a: { status: string; locked: boolean }): boolean {
  if (a.status === 'DELETED') return false;
  switch (action) {
    case 'unlock':
      return a.locked;
    case 'suspend':
      return a.status !== 'SUSPENDED';
    case 'resume':
      return a.status === 'SUSPENDED';
    default:
      return true;
  }
}

export function actionsFor(roles: StaffRole[], applicant: { status: string; locked: boolean }): ApplicantAction[] {
  return APPLICANT_ACTIONS.filter((a) => ACTION_ROLES[a].some((r) => roles.includes(r)) && actionFits(a, applicant));
}

export function isApplicantAction(value: unknown): value is ApplicantAction {
  return typeof value === 'string' && (APPLICANT_ACTIONS as readonly string[]).includes(value);
}
