import { defineTexts } from './index';

export const loginTexts = defineTexts({
  title: { ja: 'ログイン', en: 'Log in' },
  authId: { ja: '認証ID', en: 'Authentication ID (認証ID)' },
  authIdHint: { ja: '半角英数字 例)wikpn31487', en: 'Letters and digits, e.g. wikpn31487' },
  password: { ja: 'パスワード', en: 'Password' },
  submit: { ja: 'ログイン', en: 'Log in' },
  forgot: { ja: 'パスワードを忘れた場合', en: 'Forgot your password?' },
  aboutAuthIdHeading: { ja: '認証IDについて', en: 'About the authentication ID' },
  aboutAuthId: {
    ja: '認証IDは、利用者登録の後にシステムからメールで通知されます。認証IDを忘れた場合は、地方出入国在留管理官署の窓口で再通知の申出を行ってください。',
    en: 'The authentication ID (認証ID) is sent to you by e-mail after you register. If you have forgotten it, ask for it again at the counter of a regional immigration services bureau.',
  },
  aboutAuthIdEasy: {
    ja: '【認証(にんしょう)IDは、登録(とうろく)したあとにメールでもらえます。わからなくなったときは、入管(にゅうかん)の窓口(まどぐち)で聞(き)いてください。】',
    en: '',
  },
  guide: { ja: '在留申請のオンライン手続（入管庁HP）', en: 'Online residence applications (Immigration Services Agency website)' },
  lockedRemedy: {
    ja: 'アカウントロックは24時間後に自動で解除されます。急ぐ場合は、地方出入国在留管理官署の窓口でパスワードの再通知を受けるか、「パスワードを忘れた場合」からパスワードを再設定してください（再設定するとロックも解除されます）。',
    en: 'The lock is released automatically after 24 hours. If you are in a hurry, ask for a new password at a regional immigration services bureau counter, or reset your password with "Forgot your password?" (a reset also releases the lock).',
  },
  helpdeskRemedy: { ja: 'ヘルプデスクにお問合せください。', en: 'Please contact the help desk.' },
  lockedUntil: { ja: 'ロック解除予定日時：', en: 'Unlocks at: ' },
});
