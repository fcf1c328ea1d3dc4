import type { PageServerLoad } from './$types';
import { requireRole, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffQuery } from '#lib/staff/server/staff-api.js';
import { badRequestFailure } from '#lib/staff/server/api-field-errors.js';
import { ApplicantsQuery } from '#lib/staff/graphql/applicants.js';

const FIELDS = ['authId', 'name', 'email', 'birthDate', 'status', 'locked'] as const;
const PAGE_SIZE = 20;

/**
 * 申請者検索 (COUNTER_CLERK, SUPERVISOR, AUDITOR): a GET form, so a search has an address (Back, a new tab, the next
 * page); nothing is searched until a criterion is given (every search is audited with its filter). Pages follow the
 * API's cursor (`after`).
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR');
  const params = event.url.searchParams;
  const values: Record<string, string> = {};
  for (const f of FIELDS) values[f] = (params.get(f) ?? '').slice(0, 200);
  const given = FIELDS.some((f) => values[f].trim() !== '');
  if (!given) return { values, result: null, failure: null };
  const filter = {
    ...(values.authId.trim() ? { authId: values.authId } : {}),
    ...(values.name.trim() ? { name: values.name } : {}),
    ...(values.email.trim() ? { email: values.email } : {}),
    ...(values.birthDate.trim() ? { birthDate: values.birthDate } : {}),
    ...(values.status ? { status: values.status } : {}),
    ...(values.locked === 'yes' ? { locked: true } : values.locked === 'no' ? { locked: false } : {}),
  };
  const after = params.get('after') || null;
  try {
    const { applicants } = await withStaffSession(event, () => staffQuery(event, ApplicantsQuery, { filter, first: PAGE_SIZE, after }));
    return { values, result: applicants, failure: null, paged: Boolean(after) };
  } catch (err) {
    const failure = badRequestFailure(err, values);
    if (failure) return { values, result: null, failure };
    throw err;
  }
};
