import type { RequestEvent } from '@sveltejs/kit';
import { query } from './api';
import { MunicipalitiesQuery, PrefecturesQuery } from '#lib/graphql/operations.js';

/** The flash cookie that tells /register/done which address the registration mail went to (see register/+page.server.ts). */
export const REGISTRATION_DONE_COOKIE = 'registration_done';
/**
 * The id of the STEP2 page whose 登録 succeeded: pressing 登録 again on the same STEP2 page (browser Back from STEP3,
 * then 登録) shows STEP3 again instead of creating a second account.
 */
export const REGISTRATION_SUBMITTED_COOKIE = 'registration_submitted';

/** The registration form's own fields, in form order (what STEP2 carries in hidden inputs and what `back` restores). */
export const REGISTRATION_FIELDS = [
  'name',
  'sex',
  'birthYear',
  'birthMonth',
  'birthDay',
  'residenceCode',
  'residenceAddress',
  'phone',
  'email',
  'emailConfirmation',
  'userClass',
  'termsAccepted',
] as const;

export type RegistrationValues = Partial<
  Record<(typeof REGISTRATION_FIELDS)[number] | 'residenceName' | 'residenceNameEn', string>
>;

/**
 * The values as entered (never normalized here: STEP2 re-sends exactly what STEP1 validated). `residenceCode` may
 * appear twice in the form (the hidden input, then the 選択 button that submitted it): the last one wins.
 */
export function registrationValues(form: FormData): RegistrationValues {
  const values: RegistrationValues = {};
  for (const field of REGISTRATION_FIELDS) {
    const all = form.getAll(field).filter((v): v is string => typeof v === 'string');
    const v = all.at(-1);
    if (v !== undefined && v !== '') values[field] = v;
  }
  return values;
}


export async function prefectures(event: RequestEvent) {
  return (await query(event, PrefecturesQuery, {})).prefectures;
}

const CODE = /^\d{6}$/;

/** Municipalities of a prefecture, optionally narrowed by part of the name or kana (empty for a malformed request). */
export async function searchMunicipalities(event: RequestEvent, prefectureCode: string, search: string) {
  if (!CODE.test(prefectureCode)) return [];
  const text = search.trim().slice(0, 100);
  const { municipalities } = await query(event, MunicipalitiesQuery, { prefectureCode, search: text || null });
  return municipalities;
}

/** The prefecture a residence code belongs to (the first two digits), as the prefecture's own code. */
export async function prefectureOf(event: RequestEvent, residenceCode: string): Promise<string> {
  if (!CODE.test(residenceCode)) return '';
  const all = await prefectures(event);
  return all.find((p) => p.code.slice(0, 2) === residenceCode.slice(0, 2))?.code ?? '';
}

/**
 * The full names (東京都千代田区 and Chiyoda-ku, Tokyo) of a selectable residence code, looked up on the server so the
 * page never shows a name the browser made up; '' when the code is not selectable (validation then reports
 * WZBAM103E). The API has no lookup by code, so this lists the prefecture's municipalities (in-process, small).
 */
export async function residenceNames(
  event: RequestEvent,
  residenceCode: string | undefined,
): Promise<{ residenceName: string; residenceNameEn: string }> {
  const none = { residenceName: '', residenceNameEn: '' };
  if (!residenceCode) return none;
  const prefectureCode = await prefectureOf(event, residenceCode);
  if (!prefectureCode) return none;
  const list = await searchMunicipalities(event, prefectureCode, '');
  const found = list.find((m) => m.code === residenceCode);
  return found ? { residenceName: found.fullName, residenceNameEn: found.fullNameEn } : none;
}

/** The values plus the server-resolved residence names (residenceName, residenceNameEn), as STEP1 shows them. */
export async function withResidenceName(event: RequestEvent, values: RegistrationValues): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v;
  Object.assign(out, await residenceNames(event, values.residenceCode));
  return out;
}
