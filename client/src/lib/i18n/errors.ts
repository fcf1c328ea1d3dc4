import { defineTexts } from './index.js';

/**
 * The manual's texts of the codes that pages show without an API answer to take the message from (error pages, the
 * double-login page, the forced password change). The server's catalog (server/src/i18n/error-messages.ts) is the
 * source; these are copies of those three entries, kept word for word.
 */
export const errorTexts = defineTexts({
  WZBAM098E: {
    ja: 'システムエラーが発生しました。ヘルプデスクにお問合せください。',
    en: 'A system error occurred. Please contact the help desk.',
  },
  WZBAM099E: {
    ja: '二重ログインエラーです。複数の画面で操作を行わないでください。複数の画面で操作していないのに、この画面が表示された場合はヘルプデスクにお問合せください。',
    en: 'Double-login error: a newer login to this account ended this session. Do not use the system from several places at once. If you did not log in elsewhere, contact the help desk.',
  },
  WZBAM158E: {
    ja: 'パスワード有効期限が切れています。パスワードを変更してください。',
    en: 'Your password has expired. Please change it.',
  },
});
