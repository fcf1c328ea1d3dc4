import type { Locale } from '#lib/i18n/index.js';
import type { MailKind } from '../../../../../server/src/modules/mail/outbox';
import type { AuthEventType } from '../../../../../server/src/modules/audit/audit';

type Labels<K extends string> = Record<K, { ja: string; en: string }>;

/**
 * Words for the codes the applicant detail lists (mail kinds, security events, states). Typed by the server's own
 * unions (same repository), so a new kind fails the type check until it has its words here.
 */
export const mailKindLabels: Labels<MailKind> = {
  REGISTRATION: { ja: '利用者登録', en: 'Registration' },
  PASSWORD_SET: { ja: 'パスワード登録完了', en: 'Password set' },
  PASSWORD_RESET_DONE: { ja: 'パスワード再設定完了', en: 'Password reset done' },
  ACCOUNT_LOCKED: { ja: 'アカウントロック', en: 'Account locked' },
  PASSWORD_CHANGED: { ja: 'パスワード変更', en: 'Password changed' },
  PASSWORD_RESET_LINK: { ja: 'パスワード再設定リンク', en: 'Password reset link' },
  EMAIL_CHANGED_NEW: { ja: 'メールアドレス変更（新）', en: 'E-mail changed (new address)' },
  EMAIL_CHANGED_OLD: { ja: 'メールアドレス変更（旧）', en: 'E-mail changed (old address)' },
  PASSWORD_EXPIRY_REMINDER: { ja: 'パスワード有効期限のお知らせ', en: 'Password expiry reminder' },
  STAFF_ENROLMENT: { ja: '職員登録用リンク', en: 'Staff enrolment link' },
  AUDIT_ANCHOR: { ja: '監査ログのアンカー', en: 'Audit anchor' },
  COE_ISSUED: { ja: '認定証明書の交付', en: 'COE issued' },
  COE_REISSUED: { ja: '認定証明書の再交付', en: 'COE reissued' },
  COE_RESENT: { ja: '認定証明書の再送信', en: 'COE sent again' },
  COE_REVOKED: { ja: '認定証明書の取消し', en: 'COE revoked' },
  COE_RECEIPT_REGISTERED: { ja: '認定証明書の受領登録', en: 'COE receipt registered' },
  ACCOUNT_UNLOCKED: { ja: 'ロック解除', en: 'Unlocked' },
  ACCOUNT_SUSPENDED: { ja: '利用停止', en: 'Suspended' },
  ACCOUNT_RESUMED: { ja: '利用再開', en: 'Resumed' },
  USAGE_EXPIRY_SET: { ja: '利用期限の設定', en: 'Usage expiry set' },
  AUTH_ID_RENOTICE: { ja: '認証ID再通知', en: '認証ID sent again' },
  ACCOUNT_DELETED: { ja: '抹消', en: 'Deleted' },
};

export const eventTypeLabels: Labels<AuthEventType> = {
  REGISTERED: { ja: '利用者登録', en: 'Registered' },
  PASSWORD_SET: { ja: 'パスワード登録', en: 'Password set' },
  PASSWORD_RESET: { ja: 'パスワード再設定', en: 'Password reset' },
  LOGIN_SUCCEEDED: { ja: 'ログイン', en: 'Login' },
  LOGIN_RESTRICTED: { ja: 'ログイン（パスワード期限切れ）', en: 'Login (password expired)' },
  LOGIN_FAILED: { ja: 'ログイン失敗', en: 'Login failed' },
  LOGIN_REFUSED: { ja: 'ログイン拒否', en: 'Login refused' },
  ACCOUNT_LOCKED: { ja: 'アカウントロック', en: 'Account locked' },
  LOGOUT: { ja: 'ログアウト', en: 'Logout' },
  SESSION_SUPERSEDED: { ja: '二重ログインによる終了', en: 'Session superseded' },
  USER_UPDATED: { ja: '利用者情報変更', en: 'User data changed' },
  EMAIL_CHANGED: { ja: 'メールアドレス変更', en: 'E-mail changed' },
  PASSWORD_CHANGED: { ja: 'パスワード変更', en: 'Password changed' },
  PASSWORD_CHANGE_FAILED: { ja: 'パスワード変更失敗', en: 'Password change failed' },
  SESSION_ENDED_WRONG_PASSWORDS: { ja: '現在のパスワード誤りによる終了', en: 'Session ended (wrong current passwords)' },
  PASSWORD_RESET_REQUESTED: { ja: 'パスワード再設定の申請', en: 'Password reset requested' },
  PASSWORD_RESET_REFUSED: { ja: 'パスワード再設定の拒否', en: 'Password reset refused' },
};

export const mailStateLabels: Labels<'QUEUED' | 'SENT'> = {
  QUEUED: { ja: '送信待ち', en: 'Queued' },
  SENT: { ja: '送信済み', en: 'Sent' },
};

export const coeStateLabels: Labels<'ISSUED' | 'MAILED' | 'RECEIPT_REGISTERED' | 'EXPIRED' | 'REVOKED'> = {
  ISSUED: { ja: '交付', en: 'Issued' },
  MAILED: { ja: '送信済み', en: 'Mailed' },
  RECEIPT_REGISTERED: { ja: '受領登録済み', en: 'Receipt registered' },
  EXPIRED: { ja: '有効期限切れ', en: 'Expired' },
  REVOKED: { ja: '取消し', en: 'Revoked' },
};

/** The words for a code in the page's language; an unknown code (a newer server) as it is. */
export function labelOf(labels: Record<string, { ja: string; en: string }>, code: string, locale: Locale): string {
  return labels[code]?.[locale] ?? code;
}
