import type { Config } from '../../config.js';

/** A rendered mail: plain text, Japanese first then English, like the real system's mails (rules.md §6). */
export interface MailContent {
  subject: string;
  text: string;
  /** an HTML alternative (the COE mail's, with its QR code); most mails are plain text only */
  html?: string;
  /** inline images the HTML part shows by `cid:` */
  attachments?: InlineAttachment[];
}

/** An inline image of the HTML part, stored in the outbox as base64. */
export interface InlineAttachment {
  cid: string;
  filename: string;
  contentType: string;
  contentBase64: string;
}

export const SYSTEM_JA = '在留申請オンラインシステム';
export const SYSTEM_EN = 'Residence Application Online System';
export const RULE = '----------------------------------------------------------------';

export function helpdesk(config: Config): string {
  return [
    '【問合せ先 / Help desk】',
    `ヘルプデスク TEL: ${config.helpdesk.phone}  E-MAIL: ${config.helpdesk.email}`,
    `問合せ対応時間：${config.helpdesk.hours}`,
    `Hours: ${config.helpdesk.hoursEn}`,
  ].join('\n');
}

/** Every mail: the greeting, the Japanese body, then the English one, the send-only note and the help desk. */
export function compose(config: Config, name: string, subjectJa: string, subjectEn: string, ja: string[], en: string[]): MailContent {
  return {
    // Subjects are fixed texts: no user value ever reaches a header (security.md 26).
    subject: `【${SYSTEM_JA}】${subjectJa} / ${subjectEn}`,
    text: [
      `${name} 様`,
      '',
      ...ja,
      '',
      '※このメールは送信専用アドレスから送信しています。返信はできません。',
      '',
      RULE,
      '(English)',
      '',
      `Dear ${name},`,
      '',
      ...en,
      '',
      '* This mail was sent from a send-only address. Please do not reply.',
      '',
      RULE,
      helpdesk(config),
      `${SYSTEM_JA} / ${SYSTEM_EN}`,
      '',
    ].join('\n'),
  };
}

export const NOT_YOU_JA = '心当たりがない場合は、ただちにヘルプデスクにお問合せください。';
export const NOT_YOU_EN = 'If you did not do this, contact the help desk at once.';

const TOKYO = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

export function tokyoTime(date: Date): string {
  return TOKYO.format(date); // YYYY/MM/DD HH:MM
}

export function registrationMail(
  config: Config,
  data: { name: string; authId: string; link: string; expiresAt: Date },
): MailContent {
  const until = tokyoTime(data.expiresAt);
  return compose(
    config,
    data.name,
    '利用者登録のお知らせ（認証ID・パスワード登録）',
    'Your registration (authentication ID and password)',
    [
      `${SYSTEM_JA}への利用者登録を受け付けました。`,
      'あなたの認証IDは次のとおりです。ログインの際に必要ですので、大切に保管してください。',
      '',
      `　認証ID：${data.authId}`,
      '',
      '次のリンクにアクセスし、パスワードを登録してください。',
      data.link,
      `このリンクの有効期限は ${until}（日本時間）です。一度だけ使用できます。`,
      '',
      '(窓口申請)在留資格認定証明書電子交付希望者の方は、電子交付希望申出書に上記の認証IDを記入して、',
      '地方出入国在留管理官署の窓口に提出してください。',
      '',
      'このメールに心当たりがない場合は、このメールを破棄してください。',
    ],
    [
      `Your registration with the ${SYSTEM_EN} has been received.`,
      'Your authentication ID (認証ID) is shown below. You need it to log in: please keep it safe.',
      '',
      `  Authentication ID (認証ID): ${data.authId}`,
      '',
      'Open the following link to set your password:',
      data.link,
      `The link is valid until ${until} (Japan time) and can be used only once.`,
      '',
      'If you applied at a regional immigration bureau counter and wish to receive the Certificate of Eligibility',
      'electronically, write this authentication ID on the request form (電子交付希望申出書) and submit it at the counter.',
      '',
      'If you did not register, please ignore this mail.',
    ],
  );
}

export function passwordSetMail(config: Config, data: { name: string; authId: string; reset: boolean; at: Date }): MailContent {
  const at = tokyoTime(data.at);
  return data.reset
    ? compose(
        config,
        data.name,
        'パスワード再設定完了のお知らせ',
        'Your password has been reset',
        [
          `認証ID ${data.authId} のパスワードを再設定しました（${at} 日本時間）。`,
          'アカウントがロックされていた場合は解除され、ログイン中の画面はすべてログアウトされました。',
          NOT_YOU_JA,
        ],
        [
          `The password of authentication ID ${data.authId} was reset (${at} Japan time).`,
          'If the account was locked, it is now unlocked, and every logged-in session has been ended.',
          NOT_YOU_EN,
        ],
      )
    : compose(
        config,
        data.name,
        'パスワード登録完了のお知らせ',
        'Your password has been set',
        [
          `認証ID ${data.authId} のパスワードを登録しました（${at} 日本時間）。`,
          `認証IDと登録したパスワードで${SYSTEM_JA}にログインできます。`,
          NOT_YOU_JA,
        ],
        [
          `The password of authentication ID ${data.authId} has been set (${at} Japan time).`,
          `You can now log in to the ${SYSTEM_EN} with your authentication ID and this password.`,
          NOT_YOU_EN,
        ],
      );
}

export function accountLockedMail(
  config: Config,
  data: { name: string; authId: string; lockedUntil: Date; forgotUrl: string },
): MailContent {
  const until = tokyoTime(data.lockedUntil);
  return compose(
    config,
    data.name,
    'アカウントロックのお知らせ',
    'Your account has been locked',
    [
      `規定回数以上ログインに失敗したため、認証ID ${data.authId} のアカウントをロックしました。`,
      `ロックは ${until}（日本時間）に自動で解除されます。`,
      'ただちに解除するには、次のページからパスワードを再設定してください。',
      data.forgotUrl,
      'ご自身の操作でない場合は、第三者がログインを試みた可能性があります。ヘルプデスクにお問合せください。',
    ],
    [
      `The account of authentication ID ${data.authId} has been locked because login failed too many times.`,
      `It unlocks automatically at ${until} (Japan time).`,
      'To unlock it at once, reset your password on this page:',
      data.forgotUrl,
      'If these attempts were not yours, someone else may have tried to log in. Please contact the help desk.',
    ],
  );
}

export function passwordChangedMail(config: Config, data: { name: string; authId: string; at: Date }): MailContent {
  const at = tokyoTime(data.at);
  return compose(
    config,
    data.name,
    'パスワード変更完了のお知らせ',
    'Your password has been changed',
    [
      `認証ID ${data.authId} のパスワードを変更しました（${at} 日本時間）。`,
      '変更した画面以外でログイン中の画面は、すべてログアウトされました。',
      NOT_YOU_JA,
    ],
    [
      `The password of authentication ID ${data.authId} was changed (${at} Japan time).`,
      'Every other logged-in session has been ended.',
      NOT_YOU_EN,
    ],
  );
}

/** The completion mail of an e-mail change, to the NEW address (manual 2.4.1). */
export function emailChangedNewMail(config: Config, data: { name: string; authId: string; email: string; at: Date }): MailContent {
  const at = tokyoTime(data.at);
  return compose(
    config,
    data.name,
    '利用者情報更新完了のお知らせ（メールアドレス変更）',
    'Your user information has been updated (e-mail address)',
    [
      `認証ID ${data.authId} のメールアドレスを変更しました（${at} 日本時間）。`,
      `今後のお知らせは、このメールアドレス（${data.email}）に送信します。`,
      '変更前のメールアドレスに送信されたパスワード登録・再設定のリンクは使用できなくなりました。',
      NOT_YOU_JA,
    ],
    [
      `The e-mail address of authentication ID ${data.authId} was changed (${at} Japan time).`,
      `From now on, mails are sent to this address (${data.email}).`,
      'Password links sent to the previous address can no longer be used.',
      NOT_YOU_EN,
    ],
  );
}

/**
 * The notice to the OLD address after an e-mail change (our addition, rules.md §6). It does not name the new address:
 * whoever reads the old mailbox learns only that the address was changed, and whom to call.
 */
export function emailChangedOldMail(config: Config, data: { name: string; authId: string; at: Date }): MailContent {
  const at = tokyoTime(data.at);
  return compose(
    config,
    data.name,
    'メールアドレス変更のお知らせ',
    'The e-mail address of your account has been changed',
    [
      `認証ID ${data.authId} に登録されているメールアドレスが変更されました（${at} 日本時間）。`,
      '今後、このメールアドレスにはお知らせが届きません。',
      'ご自身で変更していない場合は、第三者がアカウントを使用した可能性があります。',
      'ただちに下記のヘルプデスクにお問合せください。',
    ],
    [
      `The e-mail address registered for authentication ID ${data.authId} was changed (${at} Japan time).`,
      'From now on, no mails are sent to this address.',
      'If you did not change it yourself, someone else may have used your account.',
      'Please contact the help desk below at once.',
    ],
  );
}

export function passwordResetLinkMail(
  config: Config,
  data: { name: string; authId: string; link: string; expiresAt: Date },
): MailContent {
  const until = tokyoTime(data.expiresAt);
  return compose(
    config,
    data.name,
    'パスワード再設定のお知らせ',
    'Resetting your password',
    [
      `認証ID ${data.authId} のパスワード再設定の申込みを受け付けました。`,
      '次のリンクにアクセスし、新しいパスワードを設定してください。',
      data.link,
      `このリンクの有効期限は ${until}（日本時間）です。一度だけ使用できます。`,
      'このメールより前に送信された再設定のリンクは使用できません。',
      'パスワードを再設定すると、アカウントロックは解除され、ログイン中の画面はすべてログアウトされます。',
      '',
      'このメールに心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。',
    ],
    [
      `We received a request to reset the password of authentication ID ${data.authId}.`,
      'Open the following link to set a new password:',
      data.link,
      `The link is valid until ${until} (Japan time) and can be used only once.`,
      'Reset links sent before this mail can no longer be used.',
      'Resetting the password unlocks the account and ends every logged-in session.',
      '',
      'If you did not ask for this, please ignore this mail: your password stays as it is.',
    ],
  );
}

/** Reminder 30 or 7 days before the password expires (rules.md §3), with the expiry in Japan time. */
export function passwordExpiryReminderMail(
  config: Config,
  data: { name: string; authId: string; expiresAt: Date; daysBefore: number; loginUrl: string },
): MailContent {
  const until = tokyoTime(data.expiresAt);
  return compose(
    config,
    data.name,
    'パスワード有効期限のお知らせ',
    'Your password will expire soon',
    [
      `認証ID ${data.authId} のパスワードの有効期限は ${until}（日本時間）です（あと約${data.daysBefore}日）。`,
      '有効期限が過ぎると、ログインの後にパスワードの変更が必要になります。',
      '次のページからログインし、利用者情報画面の「パスワード変更」から新しいパスワードに変更してください。',
      data.loginUrl,
    ],
    [
      `The password of authentication ID ${data.authId} expires at ${until} (Japan time), in about ${data.daysBefore} days.`,
      'After that, you must change it when you log in.',
      'Log in on the following page and change it under "Change password" on the user information screen:',
      data.loginUrl,
    ],
  );
}

/**
 * To a staff member: the one-time enrolment link (staff.md "Staff authentication") — for a new account, or after a
 * staff administrator reset the second factor. The mail names no role and no secret; the link shows the TOTP secret.
 */
export function staffEnrolmentMail(
  config: Config,
  data: { name: string; loginId: string; link: string; expiresAt: Date; reset: boolean },
): MailContent {
  const until = tokyoTime(data.expiresAt);
  return compose(
    config,
    data.name,
    data.reset ? '職員用アカウントの再登録のお知らせ' : '職員用アカウント登録のお知らせ',
    data.reset ? 'Re-enrol your staff account' : 'Enrol your staff account',
    [
      data.reset
        ? `職員管理者が、ログインID ${data.loginId} の二要素認証を初期化しました。`
        : `職員管理者が、ログインID ${data.loginId} の職員用アカウントを作成しました。`,
      '次のリンクにアクセスし、パスワードを設定して、認証アプリ（又はパスキー）を登録してください。',
      data.link,
      `このリンクの有効期限は ${until}（日本時間）です。一度だけ使用できます。これより前に送信されたリンクは使用できません。`,
      '',
      '心当たりがない場合は、リンクを開かずに、ただちに職員管理者に連絡してください。',
    ],
    [
      data.reset
        ? `A staff administrator reset the second factor of login ID ${data.loginId}.`
        : `A staff administrator created a staff account with login ID ${data.loginId}.`,
      'Open the following link to set your password and enrol an authenticator app (or a passkey):',
      data.link,
      `The link is valid until ${until} (Japan time) and can be used only once. Links sent before this mail no longer work.`,
      '',
      'If you did not expect this, do not open the link and tell a staff administrator at once.',
    ],
  );
}

/**
 * The audit trail's daily anchor (staff.md "Audit trail") to AUDIT_ANCHOR_EMAIL: the last seq and its hash, to be kept
 * outside the database. No greeting by name (the address is a mailbox, not a person) and no personal data.
 */
export function auditAnchorMail(config: Config, data: { seq: number; hash: string; eventAt: Date | null; at: Date }): MailContent {
  const eventAt = data.eventAt ? `${tokyoTime(data.eventAt)}（日本時間）` : '（記録なし）';
  const eventAtEn = data.eventAt ? `${tokyoTime(data.eventAt)} (Japan time)` : '(no events yet)';
  const lines = [`seq: ${data.seq}`, `hash: ${data.hash}`, `at: ${data.at.toISOString()}`];
  return {
    subject: `【${SYSTEM_JA}】監査証跡の日次アンカー / Daily audit anchor`,
    text: [
      '監査担当者 各位',
      '',
      `監査証跡の最新の記録は seq ${data.seq}（${eventAt}）、そのハッシュ値は次のとおりです。`,
      ...lines,
      'このメールを改変せずに保管してください。後日、npm run audit -- verify の結果とこの値を照合することで、',
      'データベース全体の書き換えを検出できます（運用手順書「監査証跡」参照）。',
      '',
      '※このメールは送信専用アドレスから送信しています。返信はできません。',
      '',
      RULE,
      '(English)',
      '',
      'To the auditors,',
      '',
      `The latest audit event is seq ${data.seq} (${eventAtEn}); its hash is:`,
      ...lines,
      'Keep this mail unchanged. Comparing it later with the chain (npm run audit -- verify) reveals a rewrite of the',
      'whole table (see the operations guide, "Audit trail").',
      '',
      '* This mail was sent from a send-only address. Please do not reply.',
      '',
      RULE,
      `${SYSTEM_JA} / ${SYSTEM_EN}`,
      '',
    ].join('\n'),
  };
}
