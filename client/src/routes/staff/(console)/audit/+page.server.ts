import type { PageServerLoad } from './$types';
import { requireRole, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffQuery } from '#lib/staff/server/staff-api.js';
import { badRequestFailure } from '#lib/staff/server/api-field-errors.js';
import { auditFilter } from '#lib/staff/server/audit-filter.js';
import { AuditChainStatusQuery, AuditEventsQuery } from '#lib/staff/graphql/notices-audit.js';

/**
 * 監査ログ (AUDITOR, SUPERVISOR): the events newest first, filtered by a GET form (so a view has an address), paged by
 * the API's cursor; the chain status for auditors (auditChainStatus walks the whole chain); the CSV of the same
 * filter from ./export.
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'AUDITOR', 'SUPERVISOR');
  const { values, filter } = auditFilter(event.url.searchParams);
  const after = event.url.searchParams.get('after') || null;
  const chain = staff.roles.includes('AUDITOR')
    ? (await withStaffSession(event, () => staffQuery(event, AuditChainStatusQuery, {}))).auditChainStatus
    : null;
  const csvFailed = event.url.searchParams.get('csv') === 'failed';
  try {
    const { auditEvents } = await withStaffSession(event, () => staffQuery(event, AuditEventsQuery, { filter, first: 50, after }));
    return { values, chain, events: auditEvents, failure: null, paged: Boolean(after), csvFailed };
  } catch (err) {
    const failure = badRequestFailure(err, values);
    if (failure) return { values, chain, events: null, failure, paged: false, csvFailed };
    throw err;
  }
};
