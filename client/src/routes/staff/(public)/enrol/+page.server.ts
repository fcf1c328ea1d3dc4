import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formString } from '#lib/forms.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { STAFF_ENROL_COOKIE, stepCookieOptions } from '#lib/staff/server/staff-cookie.js';
import { EnrolStaffMutation, StaffEnrolmentQuery } from '#lib/staff/graphql/operations.js';

/**
 * The enrolment link (`/staff/enrol?token=…`, mailed or printed by `npm run staff -- create-admin`): as the applicants'
 * password link, the response to the link moves the token into an HttpOnly cookie scoped to this page and redirects
 * to the bare address, so the token leaves the address bar, the history and any Referer. The page then shows the
 * member's login ID and name, the TOTP QR code and secret, and the password fields (docs/spec/staff.md).
 */
const LINK_COOKIE_SECONDS = 24 * 3600;

export const load: PageServerLoad = async (event) => {
  const fromLink = event.url.searchParams.get('token');
  if (fromLink !== null) {
    event.cookies.set(STAFF_ENROL_COOKIE, fromLink.slice(0, 200), stepCookieOptions('/staff/enrol', LINK_COOKIE_SECONDS));
    redirect(303, '/staff/enrol');
  }
  const token = event.cookies.get(STAFF_ENROL_COOKIE) ?? '';
  if (!token) return { enrolment: null };
  const { staffEnrolment } = await staffQuery(event, StaffEnrolmentQuery, { token });
  return { enrolment: staffEnrolment };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const token = event.cookies.get(STAFF_ENROL_COOKIE) ?? '';
    // the code is kept after an error (it may still be valid); passwords never are
    const values = { totpCode: formString(form, 'totpCode') };
    const passkeyResponse = formString(form, 'passkeyResponse');
    const { enrolStaff } = await staffMutate(event, EnrolStaffMutation, {
      input: {
        token,
        password: formString(form, 'password'),
        passwordConfirmation: formString(form, 'passwordConfirmation'),
        totpCode: formString(form, 'totpCode'),
        ...(passkeyResponse ? { passkeyResponse } : {}),
      },
    });
    switch (enrolStaff.__typename) {
      case 'StaffEnrolled':
        event.cookies.delete(STAFF_ENROL_COOKIE, stepCookieOptions('/staff/enrol'));
        redirect(303, '/staff/login?m=enrolled');
      case 'InputValidationError':
        return failWith(enrolStaff, values);
      case 'InvalidLinkError':
        return failWith(enrolStaff, {});
      default:
        return assertNever(enrolStaff);
    }
  },
};
