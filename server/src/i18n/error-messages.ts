import type { ErrorCode } from '../errors/error-code.js';
import type { FieldIssue, ItemName } from '../errors/field-issue.js';
import type { Locale } from './locale.js';
import { passwordProblemText } from './password-problem-messages.js';

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
  loginId: { ja: 'ログインID（メールアドレス）', en: 'login ID (e-mail address)' },
  staffName: { ja: '氏名', en: 'name' },
  bureau: { ja: '所属', en: 'bureau' },
  roles: { ja: '役割', en: 'roles' },
  totpCode: { ja: '確認コード', en: 'verification code' },
  passkey: { ja: 'パスキー', en: 'passkey' },
  challengeId: { ja: 'ログイン手続', en: 'login attempt' },
  titleJa: { ja: 'タイトル（日本語）', en: 'title (Japanese)' },
  bodyJa: { ja: '本文（日本語）', en: 'text (Japanese)' },
  titleEn: { ja: 'タイトル（英語）', en: 'title (English)' },
  bodyEn: { ja: '本文（英語）', en: 'text (English)' },
  publishFrom: { ja: '掲載開始日時', en: 'start of publication' },
  publishUntil: { ja: '掲載終了日時', en: 'end of publication' },
  auditFrom: { ja: '期間（開始）', en: 'start of the period' },
  auditTo: { ja: '期間（終了）', en: 'end of the period' },
  staffId: { ja: '職員ID', en: 'staff ID' },
  auditAction: { ja: '操作', en: 'action' },
  auditTarget: { ja: '対象', en: 'target' },
  requestId: { ja: 'リクエストID', en: 'request ID' },
  pageSize: { ja: '表示件数', en: 'page size' },
  cursor: { ja: 'ページ位置', en: 'page position' },
  applicationNumber: { ja: '受付番号', en: 'application number' },
  coeName: { ja: '氏名（旅券の表記）', en: 'name (as in the passport)' },
  nationality: { ja: '国籍・地域', en: 'nationality' },
  statusOfResidence: { ja: '在留資格', en: 'status of residence' },
  organization: { ja: '所属機関', en: 'organization' },
  coeNumber: { ja: '在留資格認定証明書番号', en: 'certificate number' },
  reason: { ja: '理由', en: 'reason' },
  receptionNumber: { ja: '受付番号', en: 'reception number' },
  usageExpiresOn: { ja: '利用期限', en: 'usage end date' },
  applicantStatus: { ja: '状態', en: 'status' },
  first: { ja: '表示件数', en: 'page size' },
  decisionReason: { ja: '判断理由', en: 'reason for the decision' },
};

/**
 * The message of every code, without the code itself (the client puts the manual's WZBAM codes before it, "CODE :
 * message", like the manual; the codes this system adds are never shown).
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
  COE_LINK_INVALID: {
    ja: 'この受領登録用リンクは無効です。既に受領登録済みか、新しいメールが送信されています。最新のメールのリンクを使用してください。',
    en: 'This receipt link is not valid: the receipt is already registered, or a newer mail was sent. Please use the link of the latest mail.',
  },
  COE_NOT_YOURS: {
    ja: 'この在留資格認定証明書は、ログイン中の認証IDあてに交付されたものではありません。交付を受けた認証IDでログインしてください。',
    en: 'This Certificate of Eligibility was not issued to the authentication ID (認証ID) you are logged in with. Please log in with the one it was issued to.',
  },
  COE_REVOKED_OR_EXPIRED: {
    ja: 'この在留資格認定証明書は取り消されたか、有効期限が過ぎているため、この操作は行えません。',
    en: 'This Certificate of Eligibility has been revoked or has expired, so this cannot be done.',
  },
  COE_NOT_FOUND: {
    ja: '該当する在留資格認定証明書が見つかりません。番号を確認してください。',
    en: 'No Certificate of Eligibility has this number. Please check the number.',
  },
};

/**
 * What is wrong with one field, in a few words, without the item's name and the code: for a list that names the field
 * itself, e.g. an error summary's 「利用者氏名：入力してください。」 (FieldError.shortMessage). A code without an entry
 * here never stands on a field; its full message serves.
 */
export const SHORT_MESSAGES: Partial<Record<ErrorCode, Record<Locale, string>>> = {
  WZBAM001E: { ja: '入力してください。', en: 'Please fill this in.' },
  WZBAM005E: { ja: '入力内容に誤りがあります。', en: 'What you entered is not valid.' },
  WZBAM011E: { ja: '外字を入力しないでください。', en: 'Do not use non-standard characters (外字).' },
  WZBAM103E: { ja: '都道府県市区町村を検索して選択してください。', en: 'Search for and choose the prefecture and municipality.' },
  WZBAM104E: { ja: '町名丁目番地号等を入力してください。', en: 'Enter the town, block and number.' },
  WZBAM111E: { ja: '実在する日付を入力してください。', en: 'Enter a date that exists.' },
  WZBAM154E: { ja: 'パスワードが一致しません。', en: 'The password does not match.' },
  WZBAM159E: { ja: 'メールアドレスと一致しません。', en: 'Does not match the e-mail address.' },
  WZBAM160E: { ja: 'パスワードと一致しません。', en: 'Does not match the password.' },
  WZBAM162E: { ja: '新しいパスワードと一致しません。', en: 'Does not match the new password.' },
  WZBAM244E: {
    ja: '都道府県市区町村と町名丁目番地号等をどちらも入力してください。',
    en: 'Enter both the prefecture/municipality and the rest of the address.',
  },
  WZBAM245E: { ja: '変更する情報を入力してください。', en: 'Please enter the information you want to change.' },
  WZBAM256E: { ja: '同意してください。', en: 'Please agree to them.' },
  PASSWORD_TOO_COMMON: {
    ja: 'よく使われていて推測されやすいパスワードです。別のパスワードにしてください。',
    en: 'Many people use this password, so it is easy to guess. Choose another one.',
  },
  PASSWORD_CONTAINS_AUTH_ID: { ja: '認証IDを含めないでください。', en: 'Do not include your authentication ID (認証ID).' },
  PASSWORD_SAME_AS_CURRENT: { ja: '現在のパスワードと異なるものにしてください。', en: 'Use a password different from your current one.' },
};

/** WZBAM001E on a choice (radio buttons, a list): 「選択してください」 rather than 「入力してください」. */
const CHOICE_FIELDS: ReadonlySet<string> = new Set(['sex', 'userClass', 'nationality', 'statusOfResidence']);
const CHOOSE: Record<Locale, string> = { ja: '選択してください。', en: 'Please choose one.' };

/**
 * WZBAM005E when the message goes on to say which rules failed (a password): the manual's first sentence only — what
 * to do follows.
 */
const WZBAM005E_LEAD: Record<Locale, string> = {
  ja: '{item}の入力内容に誤りがあります。',
  en: 'The {item} you entered is not valid.',
};

/** PASSWORD_TOO_COMMON for the example the screen shows (or it decorated): the common-password text would puzzle. */
const PUBLISHED_EXAMPLE: Record<Locale, string> = {
  ja: '{item}には、画面に例として示しているパスワード（数字や記号を足したものを含む）は使用できません。別のパスワードを入力してください。',
  en: 'The {item} cannot be the example shown on the screen (nor the example with digits or symbols added). Please choose one of your own.',
};

/** The English text when {item} names several items (a summary over several fields sharing the code). */
const ENGLISH_PLURAL: Partial<Record<ErrorCode, string>> = {
  WZBAM005E: 'The {item} you entered are not valid. Please enter them again.',
};

/** Default item for codes whose text names one, when the issue did not say which. */
const DEFAULT_ITEM: Partial<Record<ErrorCode, ItemName>> = {
  WZBAM103E: 'residence',
  WZBAM104E: 'residence',
  PASSWORD_TOO_COMMON: 'password',
  PASSWORD_CONTAINS_AUTH_ID: 'password',
  PASSWORD_SAME_AS_CURRENT: 'newPassword',
};

/** Item names as a list: 利用者氏名、利用者連絡先 / name and phone number / name, sex and phone number. */
function itemList(items: readonly ItemName[], locale: Locale): string {
  const names = items.map((i) => ITEM_NAMES[i][locale]);
  if (locale === 'ja' || names.length < 2) return names.join('、');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The message of a code with 【入力項目名】 filled in: by the item(s) given, else the code's default item. Every caller
 * names the item of a code whose text has one (tests check that no answer says 「入力項目」).
 */
export function errorMessage(code: ErrorCode, locale: Locale, items?: ItemName | readonly ItemName[]): string {
  const given = (typeof items === 'string' ? [items] : (items ?? [])).filter((v, i, all) => all.indexOf(v) === i);
  const chosen = given.length ? given : DEFAULT_ITEM[code] ? [DEFAULT_ITEM[code]] : [];
  const template = (locale === 'en' && chosen.length > 1 && ENGLISH_PLURAL[code]) || ERROR_MESSAGES[code][locale];
  const itemText = chosen.length ? itemList(chosen, locale) : locale === 'ja' ? '入力項目' : 'input';
  return template.replace('{item}', itemText);
}

/** A field error's texts: the full message (at the field) and the short one (in a list that names the field). */
export function fieldMessages(issue: FieldIssue, locale: Locale): { message: string; shortMessage: string } {
  const item = issue.item ?? DEFAULT_ITEM[issue.code];
  const fill = (text: string) => text.replace('{item}', item ? ITEM_NAMES[item][locale] : '');
  const problems = issue.problems ?? [];
  if (problems.some((p) => p.kind === 'publishedExample')) {
    return { message: fill(PUBLISHED_EXAMPLE[locale]), shortMessage: passwordProblemText(problems, locale) };
  }
  if (problems.length && issue.code === 'WZBAM005E') {
    const reasons = passwordProblemText(problems, locale);
    return { message: `${fill(WZBAM005E_LEAD[locale])}${locale === 'ja' ? '' : ' '}${reasons}`, shortMessage: reasons };
  }
  const short =
    issue.code === 'WZBAM001E' && CHOICE_FIELDS.has(issue.field) ? CHOOSE[locale] : SHORT_MESSAGES[issue.code]?.[locale];
  const message = errorMessage(issue.code, locale, issue.item);
  return { message, shortMessage: short ?? message };
}
