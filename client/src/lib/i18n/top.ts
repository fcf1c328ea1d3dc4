import { defineTexts } from './index';

export const topTexts = defineTexts({
  title: { ja: 'トップページ', en: 'Top page' },
  notices: { ja: 'お知らせ', en: 'Notices' },
  terms: { ja: '利用規約(2019年7月25日更新)', en: 'Terms of use (updated 25 July 2019)' },
  termsJa: { ja: '日本語', en: 'Japanese' },
  termsEn: { ja: '英語', en: 'English' },
  loginHeading: { ja: 'ログイン', en: 'Log in' },
  loginBullet1: {
    ja: '利用者登録が完了している方は、利用者の区分に応じたボタンからログインしてください。',
    en: 'If you have registered, log in with the button for your user class.',
  },
  loginBullet2: {
    ja: '認証IDとパスワードは、利用者登録の際にメールで通知されたものを使用してください。【登録(とうろく)したときにメールでもらった認証(にんしょう)IDとパスワードを使(つか)ってください。】',
    en: 'Use the authentication ID (認証ID) sent to you by e-mail when you registered, and the password you set.',
  },
  details: { ja: '詳細については、こちらを御確認ください（入管庁HPに移動します。）', en: 'For details, see this page (on the Immigration Services Agency website).' },
  loginForeign: { ja: '外国人本人・その他', en: 'Foreign national / others' },
  loginCorporate: { ja: '法人、弁護士・行政書士', en: 'Corporation, lawyer / administrative scrivener' },
  counter: { ja: '(窓口申請)在留資格認定証明書電子交付希望者', en: '(Counter application) applicant wishing to receive the Certificate of Eligibility electronically' },
  registerHeading: { ja: '新規利用者登録', en: 'New user registration' },
  registerText: {
    ja: '初めて利用する方は、利用者の区分に応じたボタンから利用者登録を行ってください。【はじめて使(つか)う人(ひと)は、ここから登録(とうろく)してください。】',
    en: 'If you are using the system for the first time, register with the button for your user class.',
  },
  whoCanRegister: { ja: 'オンラインで利用者登録が可能な方', en: 'Who can register online' },
  preparation: { ja: '利用者登録するための準備手続', en: 'Preparation for registration' },
  jpki: { ja: '利用者クライアントソフト（JPKI）のダウンロード', en: 'Download the JPKI user client software' },
  registerForeign: { ja: '外国人本人・その他', en: 'Foreign national / others' },
  registerLawyer: { ja: '弁護士・行政書士', en: 'Lawyer / administrative scrivener' },
  external: { ja: '（外部サイト）', en: ' (external site)' },
});
