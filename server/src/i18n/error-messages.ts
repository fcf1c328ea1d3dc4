import type { ErrorCode } from '../errors/error-code.js';
import type { ItemName } from '../errors/field-issue.js';
import type { Locale } from './locale.js';

/** 【入力項目名】: the item names the manual puts into its messages. */
export const ITEM_NAMES: Record<ItemName, Record<Locale, string>> = {
  name: { ja: '利用者氏名', en: 'name' },
  sex: { ja: '性別', en: 'sex' },
  userClass: { ja: '利用者の区分', en: 'user class' },
  birthDate: { ja: '生年月日', en: 'date of birth' },
  residence: { ja: '住居地', en: 'residence' },
  newResidence: { ja: '新しい住居地', en: 'new residence' },
  residenceAddress: { ja: '住居地(町名丁目番地号等)', en: 'residence (town, block, number)' },
  newResidenceAddress: { ja: '新しい住居地(町名丁目番地号等)', en: 'new residence (town, block, number)' },
  phone: { ja: '利用者連絡先', en: 'phone number' },
  newPhone: { ja: '新しい連絡先', en: 'new phone number' },
  email: { ja: 'メールアドレス', en: 'e-mail address' },
  newEmail: { ja: '新しいメールアドレス', en: 'new e-mail address' },
  emailConfirmation: { ja: 'メールアドレス(確認)', en: 'e-mail address (confirmation)' },
  newEmailConfirmation: { ja: '新しいメールアドレス(確認)', en: 'new e-mail address (confirmation)' },
  authId: { ja: '認証ID', en: 'authentication ID (認証ID)' },
  password: { ja: 'パスワード', en: 'password' },
  passwordConfirmation: { ja: 'パスワード(再入力)', en: 'password (re-enter)' },
  newPassword: { ja: '新しいパスワード', en: 'new password' },
  currentPassword: { ja: '現在のパスワード', en: 'current password' },
  credentials: { ja: '認証ID又はパスワード', en: 'authentication ID (認証ID) or password' },
};

/**
 * The message of every code, without the code itself (the client shows "CODE : message" like the manual).
 * Japanese texts are the manual's own (rules.md §2); `{item}` stands for 【入力項目名】.
 */
export const ERROR_MESSAGES: Record<ErrorCode, Record<Locale, string>> = {
  WZBAM001E: { ja: '「！」がついている項目を入力してください。', en: 'Please fill in the items marked "!".' },
  WZBAM005E: {
    ja: '{item}の入力内容に誤りがあります。再度入力してください。',
    en: 'The {item} you entered is not valid. Please enter it again.',
  },
  WZBAM011E: {
    ja: '{item}には外字を入力しないでください。',
    en: 'Please do not use non-standard characters (外字) in the {item}.',
  },
  WZBAM018E: {
    ja: '「！」がついている項目に誤りがあります。入力内容および形式を確認し、再度入力してください。',
    en: 'The items marked "!" contain errors. Check the content and format, and enter them again.',
  },
  WZBAM023E: {
    ja: 'チェック編集処理で想定外のエラーが発生しました。',
    en: 'An unexpected error occurred while checking your input.',
  },
  WZBAM098E: {
    ja: 'システムエラーが発生しました。ヘルプデスクにお問合せください。',
    en: 'A system error occurred. Please contact the help desk.',
  },
  WZBAM099E: {
    ja: '二重ログインエラーです。複数の画面で操作を行わないでください。複数の画面で操作していないのに、この画面が表示された場合はヘルプデスクにお問合せください。',
    en: 'Double-login error: a newer login to this account ended this session. Do not use the system from several places at once. If you did not log in elsewhere, contact the help desk.',
  },
  WZBAM103E: {
    ja: '{item}（都道府県市区町村）コードを入力してください。',
    en: 'Please choose the prefecture and municipality of the {item} (the code is set by the search).',
  },
  WZBAM104E: {
    ja: '{item}（町名丁目番地号等）を入力してください。',
    en: 'Please enter the rest of the address (town, block, number) of the {item}.',
  },
  WZBAM111E: { ja: '年月日は実在日を指定してください。', en: 'Please enter a date that exists.' },
  WZBAM150E: { ja: '利用者情報が無効です。', en: 'Your user information is not valid.' },
  WZBAM151E: { ja: '利用申出の有効期限が切れています。', en: 'Your application for use (利用申出) has expired.' },
  WZBAM153E: {
    ja: '規定回数以上ログインに失敗したため、アカウントがロックされています。アカウントロックは、24時間後に自動で解除されます。ただちに解除するには認証ID・パスワードの再通知を行ってください。',
    en: 'Your account is locked because login failed too many times. It unlocks automatically after 24 hours. To unlock it at once, request re-notification of your authentication ID and password.',
  },
  WZBAM154E: {
    ja: 'パスワードが一致しません。現在のパスワードを再度確認してください。',
    en: 'The password does not match. Please check your current password.',
  },
  WZBAM155E: { ja: '入力された認証IDは利用停止中です。', en: 'This authentication ID (認証ID) is suspended.' },
  WZBAM156E: { ja: '入力された認証IDは抹消されています。', en: 'This authentication ID (認証ID) has been deleted.' },
  WZBAM158E: {
    ja: 'パスワード有効期限が切れています。パスワードを変更してください。',
    en: 'Your password has expired. Please change it.',
  },
  WZBAM159E: {
    ja: 'メールアドレスとメールアドレス（確認）には同じ値を入力してください。',
    en: 'Enter the same value in E-mail address and E-mail address (confirmation).',
  },
  WZBAM160E: {
    ja: 'パスワードとパスワード（再入力）には同じ値を入力してください。',
    en: 'Enter the same value in Password and Password (re-enter).',
  },
  WZBAM162E: {
    ja: 'パスワードとパスワード（確認）には同じ値を入力してください。',
    en: 'Enter the same value in Password and Password (confirmation).',
  },
  WZBAM168E: {
    ja: '認証ID又はメールアドレスの入力内容に誤りがあります。再度入力してください。',
    en: 'The authentication ID (認証ID) or e-mail address is not correct. Please enter them again.',
  },
  WZBAM244E: {
    ja: '住居地を変更する場合は、都道府県市区町村と町名丁目番地号等をどちらも入力してください。',
    en: 'To change your residence, enter both the prefecture/municipality and the rest of the address.',
  },
  WZBAM245E: { ja: '変更する情報を入力してください。', en: 'Please enter the information you want to change.' },
  WZBAM250E: {
    ja: '利用者区分が（窓口申請）在留資格認定証明書電子交付希望者の場合、その操作は行えません。',
    en: 'This operation is not available to users of the class "(counter application) applicant wishing to receive the Certificate of Eligibility electronically".',
  },
  WZBAM256E: { ja: '利用規約へ同意をしてください。', en: 'Please agree to the terms of use.' },
  PASSWORD_TOO_COMMON: {
    ja: '{item}は多くの人が使っている推測されやすいものです。別のパスワードを入力してください。',
    en: 'This {item} is one that many people use and is easy to guess. Please choose another one.',
  },
  PASSWORD_CONTAINS_AUTH_ID: {
    ja: '{item}に認証IDを含めないでください。',
    en: 'The {item} must not contain your authentication ID (認証ID).',
  },
  PASSWORD_SAME_AS_CURRENT: {
    ja: '{item}には現在のパスワードと異なるものを入力してください。',
    en: 'The {item} must be different from your current password.',
  },
  LINK_INVALID: {
    ja: 'このリンクは無効です。有効期限が切れたか、既に使用されたか、新しいリンクが送信されています。パスワード再設定からやり直してください。',
    en: 'This link is not valid: it has expired, has already been used, or a newer link was sent. Please start again from "Forgot your password".',
  },
};

/** Default item for codes whose text names one, when the issue did not say which. */
const DEFAULT_ITEM: Partial<Record<ErrorCode, ItemName>> = {
  WZBAM103E: 'residence',
  WZBAM104E: 'residence',
  PASSWORD_TOO_COMMON: 'password',
  PASSWORD_CONTAINS_AUTH_ID: 'password',
  PASSWORD_SAME_AS_CURRENT: 'newPassword',
};

export function errorMessage(code: ErrorCode, locale: Locale, item?: ItemName): string {
  const template = ERROR_MESSAGES[code][locale];
  const itemKey = item ?? DEFAULT_ITEM[code];
  const itemText = itemKey ? ITEM_NAMES[itemKey][locale] : locale === 'ja' ? '入力項目' : 'input';
  return template.replace('{item}', itemText);
}
