import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The lookup box (applicant search page): `/staff/coe?number=…` → the COE's page, whose load checks the session and
 * the role and takes the number leniently (lower case, spaces, hyphens). Without a number, back to the search.
 */
export const GET: RequestHandler = ({ url }) => {
  const number = (url.searchParams.get('number') ?? '').trim().slice(0, 40);
  redirect(303, number ? `/staff/coe/${encodeURIComponent(number)}` : '/staff/applicants');
};
