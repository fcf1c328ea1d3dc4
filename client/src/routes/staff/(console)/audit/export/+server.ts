import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ApiError } from '#lib/server/api.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffQuery } from '#lib/staff/server/staff-api.js';
import { auditFilter } from '#lib/staff/server/audit-filter.js';
import { AuditEventsCsvQuery } from '#lib/staff/graphql/notices-audit.js';

/**
 * The audit viewer's CSV download: `auditEventsCsv` with the page's filter, handed over as the API makes it (UTF-8 with
 * a BOM, CRLF, formula-safe: Excel-friendly) as an attachment. A filter the API refuses (too many events, a bad range)
 * goes back to the viewer with a message.
 */
export const GET: RequestHandler = async (event) => {
  requireRole(await requireStaff(event), 'AUDITOR', 'SUPERVISOR');
  const { filter } = auditFilter(event.url.searchParams);
  let csv: string;
  try {
    ({ auditEventsCsv: csv } = await withStaffSession(event, () => staffQuery(event, AuditEventsCsvQuery, { filter })));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'BAD_REQUEST') {
      const back = new URLSearchParams(event.url.searchParams);
      back.set('csv', 'failed');
      redirect(303, `/staff/audit?${back}`);
    }
    throw err;
  }
  const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-events-${day}.csv"`,
    },
  });
};
