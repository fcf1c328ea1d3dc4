import type { RequestHandler } from './$types';
import { searchMunicipalities } from '#lib/server/registration.js';

/**
 * GET /api/municipalities?prefectureCode=130001&search=ちよ (or chiyoda) — the residence search dialog's data (JavaScript on).
 * The browser never talks to GraphQL directly: this endpoint asks the API on the server, like every other page.
 * Reference data only (no personal data), so it may be cached briefly; a malformed prefecture code gives [].
 */
export const GET: RequestHandler = async (event) => {
  const prefectureCode = event.url.searchParams.get('prefectureCode') ?? '';
  const search = event.url.searchParams.get('search') ?? '';
  const municipalities = await searchMunicipalities(event, prefectureCode, search);
  return Response.json(
    {
      municipalities: municipalities.map(({ code, name, kana, nameEn, fullName, fullNameEn }) => ({
        code, name, kana, nameEn, fullName, fullNameEn,
      })),
    },
    { headers: { 'cache-control': 'private, max-age=300' } },
  );
};
