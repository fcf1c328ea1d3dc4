import { defineTexts } from './index.js';
import { idleDuration } from './durations.js';

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
  // {time}: the time the server gives the session now, counted down (timeLeft below)
  warning: {
    ja: 'このまま操作がないと、あと{time}で自動的にログアウトします。続ける場合は「続ける」を押してください。',
    en: 'Without activity you will be logged out in {time}. Choose "Continue" to stay logged in.',
  },
  warningEasy: { ja: '【このまま何(なに)もしないと、あと{time}でシステムが終(お)わります。続(つづ)けるときは「続ける」を押(お)してください。】', en: '' },
  continue: { ja: '続ける', en: 'Continue' },
});

/**
 * The countdown of the timeout warning: 「1分59秒」, "1 minute 59 seconds", with readings for furigana when `easy`.
 * Whole seconds rounded up, at least 1 (the warning shows only while time is left).
 */
export function timeLeft(seconds: number, locale: 'ja' | 'en', easy = false): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts = [minutes ? idleDuration(minutes * 60, locale, easy) : '', rest ? idleDuration(rest, locale, easy) : ''];
  return parts.filter(Boolean).join(locale === 'en' ? ' ' : '');
}
