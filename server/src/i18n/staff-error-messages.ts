import type { ErrorCode } from '../errors/error-code.js';
import type { ItemName } from '../errors/field-issue.js';
import { SHARED_CODES, type StaffErrorCode, type StaffFieldIssue, type StaffOnlyCode } from '../errors/staff-error-code.js';
import { ITEM_NAMES, errorMessage, fieldMessages } from './error-messages.js';
import type { Locale } from './locale.js';

/** The texts of the staff-only codes; `{item}` stands for the item, as in the applicant catalog. */
export const STAFF_MESSAGES: Record<StaffOnlyCode, Record<Locale, string>> = {
  STAFF_LOGIN_FAILED: {
    ja: 'ログインID又はパスワードに誤りがあります。',
    en: 'The login ID or password is not correct.',
  },
  STAFF_ACCOUNT_LOCKED: {
    ja: 'ログインに規定回数以上失敗したため、ロックされています。30分後に再度お試しください。',
    en: 'Locked after too many failed logins. Please try again in 30 minutes.',
  },
  STAFF_SECOND_FACTOR_FAILED: {
    ja: '確認コード又はパスキーを確認できませんでした。再度お試しください。',
    en: 'The verification code or passkey could not be verified. Please try again.',
  },
  STAFF_LOGIN_EXPIRED: {
    ja: 'ログイン手続の有効期限が切れました。ログインIDとパスワードの入力からやり直してください。',
    en: 'This login attempt has expired. Please start again with your login ID and password.',
  },
  STAFF_NETWORK_NOT_ALLOWED: {
    ja: 'このネットワークからは職員用の機能を利用できません。',
    en: 'The staff functions cannot be used from this network.',
  },
  STAFF_LINK_INVALID: {
    ja: 'この登録用リンクは無効です。有効期限が切れたか、既に使用されたか、新しいリンクが送信されています。職員管理者に新しいリンクを依頼してください。',
    en: 'This enrolment link is not valid: it has expired, has already been used, or a newer link was sent. Ask a staff administrator for a new link.',
  },
  STAFF_LOGIN_ID_TAKEN: {
    ja: 'この{item}は既に登録されています。',
    en: 'This {item} is already registered.',
  },
  STAFF_TOTP_CODE_INVALID: {
    ja: '{item}が正しくありません。認証アプリに表示されている6桁の数字を入力してください。',
    en: 'The {item} is not correct. Enter the 6 digits your authenticator app shows.',
  },
  STAFF_PASSKEY_INVALID: {
    ja: '{item}を登録できませんでした。再度お試しください。',
    en: 'The {item} could not be registered. Please try again.',
  },
  STAFF_NOT_FOUND: { ja: '指定された職員は存在しません。', en: 'There is no such staff member.' },
  SELF_ACTION: {
    ja: '自分自身に対してこの操作は行えません。別の職員管理者に依頼してください。',
    en: 'You cannot do this to yourself. Ask another staff administrator.',
  },
  INVALID_STATE: {
    ja: '現在の状態ではこの操作は行えません。',
    en: 'This operation does not apply in the current state.',
  },
  SELF_APPROVAL: {
    ja: '自分が申請した依頼は承認できません。別の統括担当者が承認してください。',
    en: 'You cannot decide your own request. Another supervisor must do it.',
  },
  APPLICANT_NOT_FOUND: { ja: '該当する利用者が見つかりません。', en: 'No matching applicant was found.' },
  NOTICE_NOT_FOUND: { ja: '指定されたお知らせは存在しません。', en: 'There is no such notice.' },
  NOTICE_TITLE_TOO_LONG: {
    ja: '{item}は100文字以内で入力してください。',
    en: 'The {item} must be at most 100 characters long.',
  },
  NOTICE_BODY_TOO_LONG: {
    ja: '{item}は4,000文字以内で入力してください。',
    en: 'The {item} must be at most 4,000 characters long.',
  },
  NOTICE_WINDOW_INVALID: {
    ja: '{item}は掲載開始日時より後の日時を入力してください（掲載開始日時がない下書きには設定できません）。',
    en: 'The {item} must be after the start of publication (a draft, without a start, cannot have an end).',
  },
  AUDIT_RANGE_INVALID: {
    ja: '{item}は期間（開始）より後の日時を入力してください。',
    en: 'The {item} must be after the start of the period.',
  },
  AUDIT_EXPORT_TOO_LARGE: {
    ja: '該当する記録が多すぎるため、ダウンロードできません。期間を短くするなど条件を絞り込んでください。',
    en: 'Too many records match to download at once. Narrow the filter, for example to a shorter period.',
  },
  DUPLICATE_APPLICATION: {
    ja: 'この受付番号の在留資格認定証明書は既に交付されています。訂正する場合は再交付を行ってください。',
    en: 'A Certificate of Eligibility has already been issued for this application number. To correct it, reissue it.',
  },
  APPROVAL_REQUEST_NOT_FOUND: { ja: '指定された承認依頼は存在しません。', en: 'There is no such approval request.' },
};

/** The short forms (a list that names the field itself), for the codes that stand on a field. */
const STAFF_SHORT: Partial<Record<StaffOnlyCode, Record<Locale, string>>> = {
  STAFF_LOGIN_ID_TAKEN: { ja: '既に登録されています。', en: 'Already registered.' },
  STAFF_TOTP_CODE_INVALID: { ja: '確認コードが正しくありません。', en: 'The code is not correct.' },
  STAFF_PASSKEY_INVALID: { ja: 'パスキーを登録できませんでした。', en: 'The passkey could not be registered.' },
  NOTICE_TITLE_TOO_LONG: { ja: '100文字以内で入力してください。', en: 'At most 100 characters.' },
  NOTICE_BODY_TOO_LONG: { ja: '4,000文字以内で入力してください。', en: 'At most 4,000 characters.' },
  NOTICE_WINDOW_INVALID: { ja: '掲載開始日時より後にしてください。', en: 'Must be after the start.' },
  AUDIT_RANGE_INVALID: { ja: '開始より後にしてください。', en: 'Must be after the start.' },
};

const SHARED: ReadonlySet<string> = new Set(SHARED_CODES);
const isShared = (code: StaffErrorCode): code is (typeof SHARED_CODES)[number] => SHARED.has(code);

/** The message of a staff code in the request language, with its item filled in. */
export function staffErrorMessage(code: StaffErrorCode, locale: Locale, items?: ItemName | readonly ItemName[]): string {
  if (isShared(code)) return errorMessage(code as ErrorCode, locale, items);
  const list = (typeof items === 'string' ? [items] : (items ?? [])).map((i) => ITEM_NAMES[i][locale]);
  return STAFF_MESSAGES[code][locale].replace('{item}', list.join(locale === 'ja' ? '、' : ', '));
}

/** A staff field error's texts (full and short), like the applicant catalog's fieldMessages. */
export function staffFieldMessages(issue: StaffFieldIssue, locale: Locale): { message: string; shortMessage: string } {
  const { code } = issue;
  if (isShared(code)) return fieldMessages({ ...issue, code: code as ErrorCode }, locale);
  const message = staffErrorMessage(code, locale, issue.item);
  return { message, shortMessage: STAFF_SHORT[code]?.[locale] ?? message };
}
