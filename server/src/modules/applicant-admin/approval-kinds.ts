/** The dual-control requests' kinds and states (docs/spec/staff.md "Approvals"), and how long a request waits. */
export const APPROVAL_KINDS = ['DELETION', 'EMAIL_CORRECTION'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_STATES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export const APPROVAL_LIFETIME_DAYS = 7;
