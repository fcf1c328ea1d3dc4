import type { PageServerLoad } from './$types';
import { query } from '#lib/server/api.js';
import { NoticesQuery } from '#lib/graphql/operations.js';

export const load: PageServerLoad = async (event) => {
  const { notices } = await query(event, NoticesQuery, {});
  return { notices };
};
