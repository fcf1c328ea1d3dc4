import type { Config } from '../../config.js';
import { compose, NOT_YOU_EN, NOT_YOU_JA, SYSTEM_EN, SYSTEM_JA, tokyoTime, type MailContent } from '../mail/templates.js';

/**
 * The mails to an applicant about what the bureau's staff did to their account (docs/spec/staff.md "Applicant
 * accounts"), in the portal's one format (mail/templates.ts: Japanese, then English). None names the staff member,
 * the reason given at the counter or the reception number: those stay in the audit trail.
 */
type Who = { name: string; authId: string; at: Date };

const CONTACT_JA = 'ご不明な点は、下記のヘルプデスク又は地方出入国在留管理官署にお問合せください。';
const CONTACT_EN = 'If you have questions, contact the help desk below or a regional immigration services bureau.';

export function accountUnlockedMail(config: Config, d: Who): MailContent {
  const at = tokyoTime(d.at);
  return compose(config, d.name, 'アカウントロック解除のお知らせ', 'Your account has been unlocked',
    [`地方出入国在留管理官署において、認証ID ${d.authId} のアカウントロックを解除しました（${at} 日本時間）。`, 'ただちにログインできます。', NOT_YOU_JA],
    [`A regional immigration services bureau unlocked the account of authentication ID ${d.authId} (${at} Japan time).`, 'You can log in at once.', NOT_YOU_EN]);
}

export function accountSuspendedMail(config: Config, d: Who): MailContent {
  const at = tokyoTime(d.at);
  return compose(config, d.name, '利用停止のお知らせ', 'Your account has been suspended',
    [`認証ID ${d.authId} のアカウントの利用を停止しました（${at} 日本時間）。`, `停止中は${SYSTEM_JA}にログインできません。ログイン中の画面はすべてログアウトされました。`, CONTACT_JA],
    [`The account of authentication ID ${d.authId} has been suspended (${at} Japan time).`, `While it is suspended you cannot log in to the ${SYSTEM_EN}. Every logged-in session has been ended.`, CONTACT_EN]);
}

export function accountResumedMail(config: Config, d: Who): MailContent {
  const at = tokyoTime(d.at);
  return compose(config, d.name, '利用停止解除のお知らせ', 'Your account has been reinstated',
    [`認証ID ${d.authId} のアカウントの利用停止を解除しました（${at} 日本時間）。`, '再びログインできます。', NOT_YOU_JA],
    [`The suspension of the account of authentication ID ${d.authId} has been lifted (${at} Japan time).`, 'You can log in again.', NOT_YOU_EN]);
}

/** `usageEndsOn`: the last day of use (YYYY-MM-DD, Japan); login is refused from the next day on. */
export function usageExpirySetMail(config: Config, d: Who & { usageEndsOn: string }): MailContent {
  const at = tokyoTime(d.at);
  const day = d.usageEndsOn.replaceAll('-', '/');
  return compose(config, d.name, '利用期限設定のお知らせ', 'An end date has been set for your account',
    [`認証ID ${d.authId} のアカウントに利用期限を設定しました（${at} 日本時間）。`, `利用できるのは ${day}（日本時間）までです。翌日以降はログインできません。`, CONTACT_JA],
    [`An end date has been set for the account of authentication ID ${d.authId} (${at} Japan time).`, `You can use it until ${day} (Japan time); from the next day on, login is refused.`, CONTACT_EN]);
}

/** 認証ID再通知: the counter's answer to 認証ID確認申出書, sent only to the registered address. */
export function authIdRenoticeMail(config: Config, d: Who & { loginUrl: string }): MailContent {
  return compose(config, d.name, '認証IDのお知らせ', 'Your authentication ID',
    ['地方出入国在留管理官署へのお申出により、あなたの認証IDをお知らせします。', '', `　認証ID：${d.authId}`, '', '次のページからログインできます。', d.loginUrl,
      'このメールに心当たりがない場合は、ヘルプデスクにお問合せください。'],
    ['At your request to a regional immigration services bureau, here is your authentication ID (認証ID).', '', `  Authentication ID (認証ID): ${d.authId}`, '',
      'You can log in on this page:', d.loginUrl, 'If you did not ask for this, please contact the help desk.']);
}

export function accountDeletedMail(config: Config, d: Who): MailContent {
  const at = tokyoTime(d.at);
  return compose(config, d.name, '利用者登録抹消のお知らせ', 'Your registration has been deleted',
    [`認証ID ${d.authId} の利用者登録を抹消しました（${at} 日本時間）。`, `今後、このアカウントで${SYSTEM_JA}にログインすることはできません。`,
      '登録されていた個人情報は、一定期間の経過後に消去されます。', CONTACT_JA],
    [`The registration of authentication ID ${d.authId} has been deleted (${at} Japan time).`, `This account can no longer log in to the ${SYSTEM_EN}.`,
      'The personal data registered with it will be erased after a retention period.', CONTACT_EN]);
}
