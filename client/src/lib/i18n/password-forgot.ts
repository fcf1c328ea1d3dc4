import { defineTexts } from './index';

/** Screens 12 (パスワード再設定 利用者情報確認) and 13 (利用者情報確認完了). */
export const passwordForgotTexts = defineTexts({
  title: { ja: 'パスワード再設定', en: 'Reset your password' },
  heading: { ja: 'パスワード再設定 利用者情報確認', en: 'Reset your password: confirm who you are' },
  intro: {
    ja: '認証IDと登録されているメールアドレスを入力し、「送信」ボタンを押してください。入力内容が一致した場合、パスワード再設定用のリンクを記載したメールを送信します。',
    en: 'Enter your authentication ID (認証ID) and your registered e-mail address, then choose "Send". If they match, we send a mail with a link to set a new password.',
  },
  headingEasy: {
    ja: '【認証(にんしょう)IDと、登録(とうろく)したメールアドレスを書(か)いて、「送信(そうしん)」を押(お)してください。】',
    en: '',
  },
  authId: { ja: '認証ID', en: 'Authentication ID (認証ID)' },
  authIdHint: { ja: '半角英数字記号, 6文字以上20文字以内', en: 'Half-width letters, digits and symbols, 6 to 20 characters' },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  emailHint: { ja: '半角英数字記号, 60文字以内', en: 'Half-width letters, digits and symbols, up to 60 characters' },
  submit: { ja: '送信', en: 'Send' },
  forgotAuthId: {
    ja: '認証IDを忘れた場合は、地方出入国在留管理官署の窓口で再通知の申出を行ってください。',
    en: 'If you have forgotten your authentication ID (認証ID), ask for it again at the counter of a regional immigration services bureau.',
  },
  toLogin: { ja: 'ログインページへ戻る', en: 'Back to the login page' },

  // ---- screen 13
  sentTitle: { ja: '利用者情報確認完了', en: 'Check complete' },
  sentDone: { ja: '利用者情報の確認が完了しました。', en: 'Your information has been confirmed.' },
  sentMail: {
    ja: 'メールアドレス {email} へパスワード再設定通知が届きます。',
    en: 'A mail with a link to reset your password will be sent to {email}.',
  },
  sentLink: {
    ja: '届いたメール内のリンクにアクセスし、パスワードを再設定してください。',
    en: 'Open the link in the mail and set a new password.',
  },
  sentEasy: {
    ja: '【メールが届(とど)きます。メールのリンクを開(ひら)いて、新(あたら)しいパスワードを決(き)めてください。】',
    en: '',
  },
  sentValidity: {
    ja: 'リンクの有効期限はメールに記載されています。複数のメールが届いた場合は、最も新しいメールのリンクを使用してください。',
    en: 'The mail says until when the link is valid. If you receive several mails, use the link in the newest one.',
  },
  helpdeskIntro: {
    ja: 'メールがしばらくたっても届かない場合は、お手数ですが下記の問合せ先へご連絡ください。',
    en: 'If the mail does not arrive after a while, please contact the help desk below.',
  },
});
