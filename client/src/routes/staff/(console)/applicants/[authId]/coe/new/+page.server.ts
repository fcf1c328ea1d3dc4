import { error, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failAtFields, failWith } from '#lib/forms.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { coeValues, missingCoeFields } from '#lib/staff/server/coe-form.js';
import { COE_ISSUERS, mayReceiveCoe } from '#lib/staff/coe-actions.js';
import { CoeRecipientQuery, CoeReferenceDataQuery, IssueCoeMutation } from '#lib/staff/graphql/coe.js';

/**
 * 在留資格認定証明書の交付 (COUNTER_CLERK, SUPERVISOR): the form, a confirmation step (the values read-only, 交付する /
 * 戻る), then `issueCoe`; the new COE's page follows. Every refusal comes back to the form with the values kept: the
 * field errors at their fields, the named errors (duplicate application, account not usable) in the summary.
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, ...COE_ISSUERS);
  const [{ applicant }, { coeReferenceData }] = await withStaffSession(event, () =>
    Promise.all([staffQuery(event, CoeRecipientQuery, { authId: event.params.authId }), staffQuery(event, CoeReferenceDataQuery, {})]),
  );
  if (!applicant) error(404, 'APPLICANT_NOT_FOUND');
  return { applicant, allowed: mayReceiveCoe(applicant), reference: coeReferenceData };
};

async function issuer(event: RequestEvent) {
  requireRole(await requireStaff(event), ...COE_ISSUERS);
}

export const actions: Actions = {
  /** the confirmation step: nothing is sent to the API yet */
  confirm: async (event) => {
    await issuer(event);
    const values = coeValues(await event.request.formData());
    const missing = missingCoeFields(values, event.locals.locale);
    if (missing) return failWith(missing, values);
    return { confirm: values };
  },
  /** 戻る: the form again, as it was */
  edit: async (event) => ({ values: coeValues(await event.request.formData()) }),
  issue: async (event) => {
    await issuer(event);
    const values = coeValues(await event.request.formData());
    const input = { authId: event.params.authId, ...values };
    const { issueCoe: result } = await withStaffSession(event, () => staffMutate(event, IssueCoeMutation, { input }));
    switch (result.__typename) {
      case 'DuplicateApplicationError':
        // about the application number: 「！」 there, the summary links to it
        return failAtFields(result, ['applicationNumber'], values);
      case 'CoeIssued':
        redirect(303, `/staff/coe/${encodeURIComponent(result.coe.number)}?done=issued`);
      case 'InputValidationError':
      case 'ApplicantNotFoundError':
      case 'InvalidStateError':
      case 'CoeNotFoundError':
        return failWith(result, values);
      default:
        return assertNever(result);
    }
  },
};
