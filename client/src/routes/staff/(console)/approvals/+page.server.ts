import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formString } from '#lib/forms.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { ApprovalRequestsQuery, DecideApprovalRequestMutation } from '#lib/staff/graphql/applicants.js';

const STATES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
type State = (typeof STATES)[number];

/**
 * 承認待ち (SUPERVISOR): the requests (pending by default, or of a state, or all), each with 承認する / 却下する → a
 * confirmation step asking the reason → `decideApprovalRequest`. The requester's own requests are refused by the API
 * (SelfApprovalError), said on the confirmation step.
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'SUPERVISOR');
  const raw = event.url.searchParams.get('state') ?? 'PENDING';
  const state = (STATES as readonly string[]).includes(raw) ? (raw as State) : null;
  const { approvalRequests } = await withStaffSession(event, () => staffQuery(event, ApprovalRequestsQuery, { state }));
  const done = event.url.searchParams.get('done');
  return { requests: approvalRequests, state: state ?? 'ALL', done: done === 'approved' || done === 'rejected' ? done : null };
};

function decision(form: FormData) {
  return { requestId: formString(form, 'requestId'), approve: formString(form, 'approve') === 'true' };
}

export const actions: Actions = {
  prepare: async (event) => {
    requireRole(await requireStaff(event), 'SUPERVISOR');
    return { confirm: decision(await event.request.formData()) };
  },
  decide: async (event) => {
    const form = await event.request.formData();
    const { requestId, approve } = decision(form);
    const reason = formString(form, 'reason');
    const { decideApprovalRequest: result } = await withStaffSession(event, () =>
      staffMutate(event, DecideApprovalRequestMutation, { input: { requestId, approve, reason } }),
    );
    if (result.__typename === 'ApprovalDecided') redirect(303, `/staff/approvals?done=${approve ? 'approved' : 'rejected'}`);
    const { failure } = failWith({ code: result.code, message: result.message, fieldErrors: 'fieldErrors' in result ? result.fieldErrors : [] }, { reason }).data;
    return fail(400, { failure, confirm: { requestId, approve } });
  },
};
