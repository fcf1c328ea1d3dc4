import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { hasControlChars, normalizeAuthId, normalizeName } from '../../lib/normalize.js';
import { parseCalendarDate } from './coe-dates.js';
import { NATIONALITIES, STATUSES_OF_RESIDENCE } from './coe-reference.js';

/** The COE's own fields (what a reissue may correct). */
export interface CoeFields {
  name: string;
  nationality: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  statusOfResidence: string;
  organization: string | null;
}

export interface IssueCoeValues extends CoeFields {
  authId: string;
  applicationNumber: string;
}

type Raw = string | null | undefined;

export interface IssueCoeRaw {
  authId?: Raw;
  applicationNumber?: Raw;
  name?: Raw;
  nationality?: Raw;
  birthDate?: Raw;
  sex?: Raw;
  statusOfResidence?: Raw;
  organization?: Raw;
}

const NAME_LIMIT = 70;
const ORGANIZATION_LIMIT = 100;
export const REASON_LIMIT = 400;
/** Latin letters as in the passport's machine-readable zone, with the separators names have in print. */
const PASSPORT_NAME = /^[A-Z][A-Z ,.'-]*$/;
/** The paper application's 受付番号: letters, digits and hyphens (its form differs by bureau). */
const APPLICATION_NUMBER = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

const upper = (s: Raw) => (typeof s === 'string' ? s.normalize('NFKC').trim().toUpperCase() : '');

function missing(issues: StaffFieldIssue[], field: string): void {
  issues.push({ field, code: 'WZBAM001E' });
}

/** Checks the COE's own fields of `input`; `today` (Tokyo) bounds the birth date. Pushes every issue. */
export function checkCoeFields(input: IssueCoeRaw, today: string, issues: StaffFieldIssue[]): CoeFields {
  const name = normalizeName(input.name);
  if (!name) missing(issues, 'name');
  else if ([...name].length > NAME_LIMIT || !PASSPORT_NAME.test(name)) issues.push({ field: 'name', code: 'WZBAM005E', item: 'coeName' });

  const nationality = upper(input.nationality);
  if (!nationality) missing(issues, 'nationality');
  else if (!NATIONALITIES.has(nationality)) issues.push({ field: 'nationality', code: 'WZBAM005E', item: 'nationality' });

  const birthRaw = typeof input.birthDate === 'string' ? input.birthDate.trim() : '';
  const birthDate = parseCalendarDate(birthRaw) ?? '';
  if (!birthRaw) missing(issues, 'birthDate');
  else if (!birthDate || birthDate > today || birthDate < '1900-01-01') issues.push({ field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' });

  const sexRaw = upper(input.sex);
  const sex = sexRaw === 'M' ? 'MALE' : sexRaw === 'F' ? 'FEMALE' : sexRaw;
  if (!sex) missing(issues, 'sex');
  else if (sex !== 'MALE' && sex !== 'FEMALE') issues.push({ field: 'sex', code: 'WZBAM005E', item: 'sex' });

  const statusOfResidence = upper(input.statusOfResidence);
  if (!statusOfResidence) missing(issues, 'statusOfResidence');
  else if (!STATUSES_OF_RESIDENCE.has(statusOfResidence)) issues.push({ field: 'statusOfResidence', code: 'WZBAM005E', item: 'statusOfResidence' });

  const organization = typeof input.organization === 'string' ? input.organization.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim() : '';
  if (organization && ([...organization].length > ORGANIZATION_LIMIT || hasControlChars(organization))) {
    issues.push({ field: 'organization', code: 'WZBAM005E', item: 'organization' });
  }
  return { name, nationality, birthDate, sex: sex as CoeFields['sex'], statusOfResidence, organization: organization || null };
}

/** issueCoe's input, every issue at once, in the form's order. */
export function validateIssueCoe(input: IssueCoeRaw, today: string): { ok: true; value: IssueCoeValues } | { ok: false; issues: StaffFieldIssue[] } {
  const issues: StaffFieldIssue[] = [];
  const authId = normalizeAuthId(input.authId);
  if (!authId) missing(issues, 'authId');
  else if (authId.length > 20 || hasControlChars(authId)) issues.push({ field: 'authId', code: 'WZBAM005E', item: 'authId' });
  const applicationNumber = upper(input.applicationNumber).replace(/[\s\u3000]+/g, '');
  if (!applicationNumber) missing(issues, 'applicationNumber');
  else if (!APPLICATION_NUMBER.test(applicationNumber)) issues.push({ field: 'applicationNumber', code: 'WZBAM005E', item: 'applicationNumber' });
  const fields = checkCoeFields(input, today, issues);
  return issues.length ? { ok: false, issues } : { ok: true, value: { authId, applicationNumber, ...fields } };
}

/** A staff reason: required, at most 400 characters, no control characters. */
export function checkReason(value: Raw, issues: StaffFieldIssue[]): string {
  const reason = typeof value === 'string' ? value.normalize('NFKC').trim() : '';
  if (!reason) missing(issues, 'reason');
  else if ([...reason].length > REASON_LIMIT || hasControlChars(reason)) issues.push({ field: 'reason', code: 'WZBAM005E', item: 'reason' });
  return reason;
}
