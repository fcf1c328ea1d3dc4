import { error, fail, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formString } from '#lib/forms.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { COE_FIELDS, coeValues } from '#lib/staff/server/coe-form.js';
import { COE_ACTION_ROLES, isCoeAction, type CoeAction } from '#lib/staff/coe-actions.js';
import { CoeReferenceDataQuery, ReissueCoeMutation, ResendCoeMailMutation, RevokeCoeMutation, StaffCoeQuery } from '#lib/staff/graphql/coe.js';

const READERS = ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'] as const;
const DONE = new Set(['issued', 'resend', 'revoke', 'reissue']);

/**
 * A COE for the back office (docs/spec/staff.md "Staff console"): every field, the state, the history, the
 * verification URL; the actions the member's roles allow in its state, each through a confirmation step with the
 * reason (メールを再送信, 取り消す, 訂正して再交付 with the fields prefilled). `coe(number)` takes lenient input: a number
 * typed otherwise goes to its canonical URL. Every read is audited by the API (COE_VIEWED).
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, ...READERS);
  const { coe } = await withStaffSession(event, () => staffQuery(event, StaffCoeQuery, { number: event.params.number }));
  if (!coe) error(404, 'COE_NOT_FOUND');
  if (coe.number !== event.params.number) redirect(303, `/staff/coe/${encodeURIComponent(coe.number)}${event.url.search}`);
  // the reissue step's lists, only for who may reissue
  const reference = staff.roles.includes('SUPERVISOR')
    ? (await withStaffSession(event, () => staffQuery(event, CoeReferenceDataQuery, {}))).coeReferenceData
    : { nationalities: [], statusesOfResidence: [] };
  const done = event.url.searchParams.get('done');
  return { coe, reference, done: done && DONE.has(done) ? done : null };
};

async function chosenAction(event: RequestEvent, form: FormData): Promise<CoeAction> {
  const action = form.get('action');
  if (!isCoeAction(action)) error(400, 'BAD_REQUEST');
  requireRole(await requireStaff(event), ...COE_ACTION_ROLES[action]);
  return action;
}

type Outcome = { __typename: string; code?: string; message?: string; fieldErrors?: { field: string; code: string; message: string; shortMessage: string }[]; coe?: { number: string } };

export const actions: Actions = {
  /** the confirmation step: what will happen, the reason (and, to reissue, the fields prefilled) */
  prepare: async (event) => {
    const form = await event.request.formData();
    return { confirm: { action: await chosenAction(event, form) } };
  },
  run: async (event) => {
    const form = await event.request.formData();
    const action = await chosenAction(event, form);
    const number = event.params.number;
    const reason = formString(form, 'reason');
    const values: Record<string, string> = { reason, ...(action === 'reissue' ? coeValues(form, COE_FIELDS) : {}) };
    const m = <D, V extends Record<string, unknown>>(doc: Parameters<typeof staffMutate<D, V>>[1], vars: V) => withStaffSession(event, () => staffMutate(event, doc, vars));
    let outcome: Outcome;
    switch (action) {
      case 'resend':
        outcome = (await m(ResendCoeMailMutation, { number })).resendCoeMail;
        break;
      case 'revoke':
        outcome = (await m(RevokeCoeMutation, { input: { number, reason } })).revokeCoe;
        break;
      case 'reissue':
        outcome = (await m(ReissueCoeMutation, { input: { number, ...values } })).reissueCoe;
        break;
    }
    switch (outcome.__typename) {
      case 'CoeMailResent':
      case 'CoeRevoked':
        redirect(303, `/staff/coe/${encodeURIComponent(number)}?done=${action}`);
      case 'CoeIssued':
        redirect(303, `/staff/coe/${encodeURIComponent(outcome.coe!.number)}?done=reissue`);
      default: {
        // InputValidationError, InvalidStateError, CoeNotFoundError…: the confirmation step again, with the errors
        const { failure } = failWith({ code: outcome.code ?? 'WZBAM098E', message: outcome.message ?? '', fieldErrors: outcome.fieldErrors ?? [] }, values).data;
        return fail(400, { failure, confirm: { action } });
      }
    }
  },
};
