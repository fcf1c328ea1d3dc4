import { error, fail, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formString } from '#lib/forms.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { ACTION_ROLES, ACTION_EXTRA, isApplicantAction, type ApplicantAction } from '#lib/staff/applicant-actions.js';
import {
  ApplicantQuery, RenotifyAuthIdMutation, RequestApplicantDeletionMutation, RequestEmailCorrectionMutation, ResumeApplicantMutation,
  SendPasswordResetLinkMutation, SetUsageExpiryMutation, SuspendApplicantMutation, UnlockApplicantMutation,
} from '#lib/staff/graphql/applicants.js';

const READERS = ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'] as const;

/**
 * 申請者の詳細: the account (every read is audited by the API), its state badges, mails and security events, and the
 * actions the member's roles allow in the account's state. Each action is two posts: its confirmation step (what will
 * happen, 理由 and 受付番号, plus the date or the new address where the action needs one), then the mutation; the
 * answer comes back to this page (`?done=`).
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, ...READERS);
  const { applicant } = await withStaffSession(event, () => staffQuery(event, ApplicantQuery, { authId: event.params.authId }));
  if (!applicant) error(404, 'APPLICANT_NOT_FOUND');
  const done = event.url.searchParams.get('done');
  return {
    applicant,
    done: isApplicantAction(done) ? done : null,
    mailedTo: (event.url.searchParams.get('to') ?? '').slice(0, 200),
  };
};

type Outcome = { __typename: string; code?: string; message?: string; fieldErrors?: { field: string; code: string; message: string; shortMessage: string }[] };

async function perform(event: RequestEvent, action: ApplicantAction, form: FormData): Promise<Outcome> {
  const base = { authId: event.params.authId, reason: formString(form, 'reason'), receptionNumber: formString(form, 'receptionNumber') };
  const m = <D, V extends Record<string, unknown>>(doc: Parameters<typeof staffMutate<D, V>>[1], vars: V) => withStaffSession(event, () => staffMutate(event, doc, vars));
  switch (action) {
    case 'unlock':
      return (await m(UnlockApplicantMutation, { input: base })).unlockApplicant;
    case 'resetLink':
      return (await m(SendPasswordResetLinkMutation, { input: base })).sendPasswordResetLink;
    case 'renotify':
      return (await m(RenotifyAuthIdMutation, { input: base })).renotifyAuthId;
    case 'suspend':
      return (await m(SuspendApplicantMutation, { input: base })).suspendApplicant;
    case 'resume':
      return (await m(ResumeApplicantMutation, { input: base })).resumeApplicant;
    case 'expiry':
      return (await m(SetUsageExpiryMutation, { input: { ...base, usageExpiresOn: formString(form, 'usageExpiresOn') } })).setUsageExpiry;
    case 'deletion':
      return (await m(RequestApplicantDeletionMutation, { input: base })).requestApplicantDeletion;
    case 'emailCorrection':
      return (await m(RequestEmailCorrectionMutation, { input: { ...base, newEmail: formString(form, 'newEmail') } })).requestEmailCorrection;
  }
}

async function chosenAction(event: RequestEvent, form: FormData): Promise<ApplicantAction> {
  const action = form.get('action');
  if (!isApplicantAction(action)) error(400, 'BAD_REQUEST');
  requireRole(await requireStaff(event), ...ACTION_ROLES[action]);
  return action;
}

export const actions: Actions = {
  /** the confirmation step: what will happen, and the reason and reception number to give */
  prepare: async (event) => {
    const form = await event.request.formData();
    return { confirm: { action: await chosenAction(event, form) } };
  },
  run: async (event) => {
    const form = await event.request.formData();
    const action = await chosenAction(event, form);
    const values: Record<string, string> = { reason: formString(form, 'reason'), receptionNumber: formString(form, 'receptionNumber') };
    const extra = ACTION_EXTRA[action];
    if (extra) values[extra] = formString(form, extra);
    const outcome = await perform(event, action, form);
    switch (outcome.__typename) {
      case 'ApplicantActionDone':
      case 'ApprovalRequested':
        redirect(303, `/staff/applicants/${encodeURIComponent(event.params.authId)}?done=${action}`);
      case 'AuthIdRenotified': {
        const to = (outcome as { mailedTo?: string }).mailedTo ?? '';
        redirect(303, `/staff/applicants/${encodeURIComponent(event.params.authId)}?done=${action}&to=${encodeURIComponent(to)}`);
      }
      default: {
        // InputValidationError, ApplicantNotFoundError, InvalidStateError: the confirmation step again, with the errors
        const { failure } = failWith({ code: outcome.code ?? 'WZBAM098E', message: outcome.message ?? '', fieldErrors: outcome.fieldErrors ?? [] }, values).data;
        return fail(400, { failure, confirm: { action } });
      }
    }
  },
};
