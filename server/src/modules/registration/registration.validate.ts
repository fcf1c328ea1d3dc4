import type { FieldIssue, ItemName, Validated } from '../../errors/field-issue.js';
import { USER_CLASSES, type UserClassName } from '../account/user-class.js';
import { isSelectableResidence } from '../reference/municipality-data.js';
import { nonJisX0208Chars } from '../../lib/jisx0208.js';
import {
  codePointLength,
  hasControlChars,
  normalizeBirthPart,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeResidenceAddress,
} from '../../lib/normalize.js';

/**
 * The registration form's checks (rules.md §1): normalize, then validate every field and report every issue at
 * once, in form order. Pure: no database, no clock (today is passed in).
 */

export const SEXES = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof SEXES)[number];

export { USER_CLASSES, type UserClassName };

/** Maximum lengths (characters, after normalization). */
export const FIELD_LIMITS = {
  name: 104,
  birthYear: 4,
  birthMonth: 2,
  birthDay: 2,
  residenceCode: 6,
  residenceAddress: 80,
  phone: 12,
  email: 60,
} as const;

/** Fields without a length limit of their own (sex, userClass) are capped at 4 × this before any work. */
const DEFAULT_LIMIT = 20;
/** Anything longer than this many times the limit is rejected before it is even normalized. */
const RAW_LIMIT_FACTOR = 4;
/** The earliest accepted birth year. */
export const MIN_BIRTH_YEAR = 1900;

export interface RegisterInputValues {
  name?: string | null;
  sex?: string | null;
  birthYear?: string | null;
  birthMonth?: string | null;
  birthDay?: string | null;
  residenceCode?: string | null;
  residenceAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  emailConfirmation?: string | null;
  userClass?: string | null;
  termsAccepted?: boolean | null;
}

export interface NormalizedRegistration {
  name: string;
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
  residenceCode: string;
  residenceAddress: string;
  phone: string;
  /** as entered, normalized (trim + NFKC); the case of the local part is kept */
  email: string;
  userClass: UserClassName;
}

// ---------------------------------------------------------------------------------------------------------------
// the first gate every string field passes

type Screened = { kind: 'absent' } | { kind: 'rejected' } | { kind: 'ok'; raw: string };

/**
 * Rejects control characters (incl. NUL), lone surrogates, non-strings and values longer than 4 × the field's limit,
 * before any normalization (rules.md §1: a clear WZBAM005E, never a 500).
 */
function screen(value: unknown, limit: number): Screened {
  if (value === null || value === undefined) return { kind: 'absent' };
  if (typeof value !== 'string') return { kind: 'rejected' };
  if (value.length > RAW_LIMIT_FACTOR * limit) return { kind: 'rejected' };
  if (hasControlChars(value)) return { kind: 'rejected' };
  return { kind: 'ok', raw: value };
}

function issue(field: string, code: FieldIssue['code'], item?: ItemName): FieldIssue {
  return item ? { field, code, item } : { field, code };
}

// ---------------------------------------------------------------------------------------------------------------
// per-field checks (exported so the account-change form can reuse them with its own field and item names)

/** 利用者氏名: 1–104 chars of A–Z and single spaces, after normalization. */
export function checkName(value: unknown, issues: FieldIssue[], field = 'name'): string | undefined {
  const s = screen(value, FIELD_LIMITS.name);
  if (s.kind === 'rejected') return void issues.push(issue(field, 'WZBAM005E', 'name'));
  const name = s.kind === 'ok' ? normalizeName(s.raw) : '';
  if (name === '') return void issues.push(issue(field, 'WZBAM001E'));
  if (codePointLength(name) > FIELD_LIMITS.name || !/^[A-Z]+(?: [A-Z]+)*$/.test(name)) {
    return void issues.push(issue(field, 'WZBAM005E', 'name'));
  }
  return name;
}

function checkEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  issues: FieldIssue[],
): T | undefined {
  const s = screen(value, DEFAULT_LIMIT);
  if (s.kind === 'rejected') return void issues.push(issue(field, 'WZBAM005E', field as ItemName));
  if (s.kind === 'ok' && (allowed as readonly string[]).includes(s.raw)) return s.raw as T;
  issues.push(issue(field, 'WZBAM001E'));
  return undefined;
}

/** Asia/Tokyo calendar date (YYYY-MM-DD) of an instant. Japan has no daylight saving time: UTC+9 throughout. */
export function tokyoDate(instant: Date): string {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('tokyoDate: invalid Date');
  return new Date(t + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * 生年月日: each part present (WZBAM001E on the missing part); digits (WZBAM005E), year ≥ 1900 (WZBAM005E), a real
 * date (WZBAM111E), not after today in Asia/Tokyo (WZBAM005E); the last three on `birthDate`.
 */
export function checkBirthDate(
  parts: { year: unknown; month: unknown; day: unknown },
  today: Date,
  issues: FieldIssue[],
): string | undefined {
  const spec = [
    ['birthYear', parts.year, FIELD_LIMITS.birthYear],
    ['birthMonth', parts.month, FIELD_LIMITS.birthMonth],
    ['birthDay', parts.day, FIELD_LIMITS.birthDay],
  ] as const;
  const values: string[] = [];
  let rejected = false;
  let missing = false;
  for (const [field, value, limit] of spec) {
    const s = screen(value, limit);
    if (s.kind === 'rejected') {
      rejected = true;
      continue;
    }
    const v = s.kind === 'ok' ? normalizeBirthPart(s.raw) : '';
    if (v === '') {
      missing = true;
      issues.push(issue(field, 'WZBAM001E'));
      continue;
    }
    values.push(v);
  }
  if (rejected) return void issues.push(issue('birthDate', 'WZBAM005E', 'birthDate'));
  if (missing) return undefined;

  const [y, m, d] = values;
  if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) {
    return void issues.push(issue('birthDate', 'WZBAM005E', 'birthDate'));
  }
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < MIN_BIRTH_YEAR) return void issues.push(issue('birthDate', 'WZBAM005E', 'birthDate'));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 || month > 12 || day < 1 ||
    date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day
  ) {
    return void issues.push(issue('birthDate', 'WZBAM111E'));
  }
  const iso = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (iso > tokyoDate(today)) return void issues.push(issue('birthDate', 'WZBAM005E', 'birthDate'));
  return iso;
}

/**
 * 住居地: the code must be a selectable residence (WZBAM103E), the address 1–80 JIS X 0208 characters after
 * normalization (missing → WZBAM104E; too long → WZBAM005E; 外字 → WZBAM011E).
 */
export function checkResidence(
  values: { code: unknown; address: unknown },
  issues: FieldIssue[],
  names: { codeField: string; addressField: string; item: ItemName; addressItem: ItemName } = {
    codeField: 'residenceCode',
    addressField: 'residenceAddress',
    item: 'residence',
    addressItem: 'residenceAddress',
  },
): { code?: string; address?: string } {
  const out: { code?: string; address?: string } = {};

  const c = screen(values.code, FIELD_LIMITS.residenceCode);
  if (c.kind === 'rejected') issues.push(issue(names.codeField, 'WZBAM005E', names.item));
  else {
    const code = c.kind === 'ok' ? c.raw.trim() : '';
    if (!isSelectableResidence(code)) issues.push(issue(names.codeField, 'WZBAM103E', names.item));
    else out.code = code;
  }

  const a = screen(values.address, FIELD_LIMITS.residenceAddress);
  if (a.kind === 'rejected') issues.push(issue(names.addressField, 'WZBAM005E', names.addressItem));
  else {
    const address = a.kind === 'ok' ? normalizeResidenceAddress(a.raw) : '';
    if (address === '') issues.push(issue(names.addressField, 'WZBAM104E', names.item));
    else {
      const tooLong = codePointLength(address) > FIELD_LIMITS.residenceAddress;
      const gaiji = nonJisX0208Chars(address).length > 0;
      if (tooLong) issues.push(issue(names.addressField, 'WZBAM005E', names.addressItem));
      if (gaiji) issues.push(issue(names.addressField, 'WZBAM011E', names.addressItem));
      if (!tooLong && !gaiji) out.address = address;
    }
  }
  return out;
}

/** 利用者連絡先: 1–12 half-width digits after normalization. */
export function checkPhone(value: unknown, issues: FieldIssue[], field = 'phone', item: ItemName = 'phone'): string | undefined {
  const s = screen(value, FIELD_LIMITS.phone);
  if (s.kind === 'rejected') return void issues.push(issue(field, 'WZBAM005E', item));
  const phone = s.kind === 'ok' ? normalizePhone(s.raw) : '';
  if (phone === '') return void issues.push(issue(field, 'WZBAM001E'));
  if (!/^[0-9]{1,12}$/.test(phone)) return void issues.push(issue(field, 'WZBAM005E', item));
  return phone;
}

/**
 * The characters of an address's local part: RFC 5321's unquoted ones (letters, digits, ``!#$%&*+-/=?^_{|}~`` and dots)
 * except `'` and `` ` ``, which close a quoted attribute in HTML or a template literal as `"`, `<` and `>` do (quoted
 * local parts are refused whole). Dots may stand anywhere: older Japanese mobile addresses have `..` or a dot before
 * the `@`, and they receive mail.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&*+\-/=?^_{|}~.]+$/;
/** A domain: letters, digits, hyphens and dots (host names; no address literals). */
const DOMAIN = /^[A-Za-z0-9.-]+$/;

/**
 * The e-mail address format (rules.md §1): ≤ 60 chars, printable ASCII without spaces, exactly one `@`, a non-empty
 * local part, a dot in the domain that is neither its first nor its last character; and no markup characters
 * (`<>"'` and the like: `"><svg/onload=…>@x.jp` is no address, issue 17), so the local part takes only the
 * characters above and the domain only host-name characters.
 */
export function isValidEmailAddress(email: string): boolean {
  if (email.length === 0 || email.length > FIELD_LIMITS.email) return false;
  if (!/^[\x21-\x7E]+$/.test(email)) return false;
  const at = email.indexOf('@');
  if (at <= 0 || email.indexOf('@', at + 1) !== -1) return false;
  const domain = email.slice(at + 1);
  if (!LOCAL_PART.test(email.slice(0, at)) || !DOMAIN.test(domain)) return false;
  const dot = domain.indexOf('.');
  return dot > 0 && !domain.endsWith('.');
}

/** Case-insensitive equality of two (normalized) e-mail addresses. */
export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** One メールアドレス without a confirmation (forgot-password form): present (WZBAM001E) and well-formed (WZBAM005E). */
export function checkEmail(value: unknown, issues: FieldIssue[], field = 'email', item: ItemName = 'email'): string | undefined {
  const s = screen(value, FIELD_LIMITS.email);
  if (s.kind === 'rejected') return void issues.push(issue(field, 'WZBAM005E', item));
  const email = s.kind === 'ok' ? normalizeEmail(s.raw) : '';
  if (email === '') return void issues.push(issue(field, 'WZBAM001E'));
  if (!isValidEmailAddress(email)) return void issues.push(issue(field, 'WZBAM005E', item));
  return email;
}

/** メールアドレス + (確認): format (WZBAM005E), confirmation present (WZBAM001E) and equal, ignoring case (WZBAM159E). */
export function checkEmailPair(
  values: { email: unknown; confirmation: unknown },
  issues: FieldIssue[],
  names: { field: string; confirmationField: string; item: ItemName; confirmationItem: ItemName } = {
    field: 'email',
    confirmationField: 'emailConfirmation',
    item: 'email',
    confirmationItem: 'emailConfirmation',
  },
): string | undefined {
  let email: string | undefined;
  let result: string | undefined;
  const e = screen(values.email, FIELD_LIMITS.email);
  if (e.kind === 'rejected') issues.push(issue(names.field, 'WZBAM005E', names.item));
  else {
    email = e.kind === 'ok' ? normalizeEmail(e.raw) : '';
    if (email === '') {
      issues.push(issue(names.field, 'WZBAM001E'));
      email = undefined;
    } else if (!isValidEmailAddress(email)) issues.push(issue(names.field, 'WZBAM005E', names.item));
    else result = email;
  }

  const c = screen(values.confirmation, FIELD_LIMITS.email);
  if (c.kind === 'rejected') {
    issues.push(issue(names.confirmationField, 'WZBAM005E', names.confirmationItem));
    return undefined;
  }
  const confirmation = c.kind === 'ok' ? normalizeEmail(c.raw) : '';
  if (confirmation === '') {
    issues.push(issue(names.confirmationField, 'WZBAM001E'));
    return undefined;
  }
  if (email !== undefined && !sameEmail(email, confirmation)) {
    issues.push(issue(names.confirmationField, 'WZBAM159E'));
    return undefined;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Validates a registration form. `today` is the current instant; the birth date may not be after today's date in
 * Asia/Tokyo. All issues are reported, in form order.
 */
export function validateRegistrationInput(
  input: RegisterInputValues,
  today: Date,
): Validated<NormalizedRegistration> {
  const issues: FieldIssue[] = [];
  const v = input ?? {};

  const name = checkName(v.name, issues);
  const sex = checkEnum(v.sex, SEXES, 'sex', issues);
  const birthDate = checkBirthDate({ year: v.birthYear, month: v.birthMonth, day: v.birthDay }, today, issues);
  const residence = checkResidence({ code: v.residenceCode, address: v.residenceAddress }, issues);
  const phone = checkPhone(v.phone, issues);
  const email = checkEmailPair({ email: v.email, confirmation: v.emailConfirmation }, issues);
  const userClass = checkEnum(v.userClass, USER_CLASSES, 'userClass', issues);
  if (v.termsAccepted !== true) issues.push(issue('termsAccepted', 'WZBAM256E'));

  if (issues.length > 0) return { ok: false, issues };
  // every value is set when there is no issue; the checks above guarantee it
  return {
    ok: true,
    value: {
      name: name!,
      sex: sex!,
      birthDate: birthDate!,
      residenceCode: residence.code!,
      residenceAddress: residence.address!,
      phone: phone!,
      email: email!,
      userClass: userClass!,
    },
  };
}

export { summaryCode } from '../../errors/summary-code.js';
