import { defineTexts } from './index';

export const sessionTexts = defineTexts({
  loggedOutTitle: { ja: 'ログアウト', en: 'Logged out' },
  loggedOut: { ja: 'ログアウトしました。', en: 'You have logged out.' },
  loggedOutEasy: { ja: '【システムを終(お)わりました。】', en: '' },
  toTop: { ja: 'トップページへ', en: 'To the top page' },
  expiredTitle: { ja: 'セッションタイムアウト', en: 'Session timed out' },
  // {duration}: the configured idle timeout (SESSION_IDLE_TIMEOUT_SECONDS), see durations.ts
  expired: {
    ja: '一定時間（{duration}）操作がなかったため、ログアウトしました。お手数ですが、再度ログインしてください。',
    en: 'You were logged out because there was no activity for {duration}. Please log in again.',
  },
  expiredEasy: { ja: '【{duration}何(なに)もしなかったので、システムを終(お)わりました。もう一度(いちど)ログインしてください。】', en: '' },
  toLogin: { ja: 'ログインページへ', en: 'To the login page' },
  supersededTitle: { ja: '二重ログインエラー', en: 'Double login' },
  systemErrorTitle: { ja: 'システムエラー', en: 'System error' },
  reference: { ja: '問合せ番号：', en: 'Reference number: ' },
  notFoundTitle: { ja: 'ページが見つかりません', en: 'Page not found' },
  notFound: { ja: 'お探しのページは見つかりませんでした。', en: 'The page you are looking for was not found.' },
  warningTitle: { ja: 'まもなくタイムアウトします', en: 'Your session is about to time out' },
  warning: {
    ja: 'あと2分ほど操作がないと、自動的にログアウトします。続ける場合は「続ける」を押してください。',
    en: 'You will be logged out in about 2 minutes without activity. Choose "Continue" to stay logged in.',
  },
  continue: { ja: '続ける', en: 'Continue' },
});
