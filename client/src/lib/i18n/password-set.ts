import { defineTexts } from './index';

/**
 * Screen 4 from an e-mailed link: パスワード登録 (the registration mail's link) or パスワード再設定 (a forgot-password
 * mail's link), their completion pages and the invalid-link page.
 */
export const passwordSetTexts = defineTexts({
  title: { ja: 'パスワード登録', en: 'Set your password' },
  resetTitle: { ja: 'パスワード再設定', en: 'Reset your password' },
  intro: {
    ja: '新しいパスワードを入力し、「登録」ボタンを押してください。',
    en: 'Enter your new password and choose "Register".',
  },
  introEasy: { ja: '【新(あたら)しいパスワードを2回(かい)書(か)いて、「登録(とうろく)」を押(お)してください。】', en: '' },
  password: { ja: 'パスワード', en: 'Password' },
  passwordConfirmation: { ja: 'パスワード(再入力)', en: 'Password (re-enter)' },
  passwordConfirmationHint: { ja: '確認のため、同じパスワードをもう一度入力してください。', en: 'Enter the same password again.' },
  ruleHeading: { ja: 'パスワードの条件', en: 'Password rules' },
  ruleLength: { ja: '{min}文字以上{max}文字以内', en: '{min} to {max} characters' },
  ruleChars: {
    ja: '半角英字、半角数字及び記号（{symbols}）をそれぞれ1文字以上含めてください（使用できるのはこれらの文字だけです。空白・全角文字は使用できません）。',
    en: 'At least one half-width letter, one digit and one of the symbols {symbols} (only these characters; no spaces, no full-width characters).',
  },
  ruleCase: { ja: '英字の大文字と小文字は区別されます。', en: 'Upper and lower case are different.' },
  ruleAuthId: { ja: '認証IDを含むパスワードは登録できません。', en: 'It may not contain your authentication ID (認証ID).' },
  ruleCommon: {
    ja: 'よく使われるパスワードなど、推測されやすいパスワードは登録できません。',
    en: 'Common, easily guessed passwords are refused.',
  },
  // {example}: the API's passwordPolicy.example, which the server refuses (with its variants)
  ruleExample: {
    ja: '例){example} （この例をそのまま使うことはできません）',
    en: 'Example: {example} (the example itself cannot be used)',
  },
  ruleEasy: {
    ja: '【パスワードは{min}文字(もじ)から{max}文字(もじ)です。英語(えいご)の文字(もじ)と数字(すうじ)と記号(きごう)を入(い)れてください。】',
    en: '',
  },
  strengthLabel: { ja: 'パスワードの強度（目安）：', en: 'Password strength (a guide only): ' },
  // instead of a level: a rule the password does not meet (the ✗ items below), or a refusal the page can foresee
  strengthUnmet: { ja: '条件を満たしていません（✗の項目）', en: 'does not meet the rules yet (the items marked ✗)' },
  refusedExample: { ja: '画面の例と同じため使用できません', en: 'cannot be used: it is the example shown above' },
  refusedAuthId: { ja: '認証IDを含むため使用できません', en: 'cannot be used: it contains your authentication ID (認証ID)' },
  refusedSameAsCurrent: { ja: '現在のパスワードと同じため使用できません', en: 'cannot be used: it is your current password' },
  // the server's answer (the common-password list lives there): its short reason follows
  refusedByServer: { ja: '使用できません：', en: 'cannot be used: ' },
  strengthFair: { ja: '普通', en: 'fair' },
  strengthStrong: { ja: '強い', en: 'strong' },
  strengthNote: {
    ja: '条件を満たしているかどうかは、「登録」ボタンを押した後にシステムが確認します。',
    en: 'Whether the password meets every rule is checked when you choose "Register".',
  },
  checkMet: { ja: '（満たしています）', en: ' (met)' },
  checkUnmet: { ja: '（満たしていません）', en: ' (not met yet)' },
  checkLength: { ja: '文字数', en: 'Length' },
  checkLetter: { ja: '英字', en: 'Letter' },
  checkDigit: { ja: '数字', en: 'Digit' },
  checkSymbol: { ja: '記号', en: 'Symbol' },
  checkOnlyAllowed: { ja: '使用できる文字のみ', en: 'Allowed characters only' },
  submit: { ja: '登録', en: 'Register' },

  // completion
  doneTitle: { ja: 'パスワード登録完了', en: 'Password set' },
  done: { ja: 'パスワードの登録が完了しました。', en: 'Your password has been set.' },
  doneEasy: { ja: '【パスワードを登録(とうろく)しました。】', en: '' },
  doneAuthId: { ja: '認証ID', en: 'Authentication ID (認証ID)' },
  doneNext: {
    ja: '認証IDと登録したパスワードでログインしてください。',
    en: 'Log in with your authentication ID (認証ID) and the password you have just set.',
  },
  doneMail: {
    ja: '登録したメールアドレスへ、パスワード登録完了のお知らせを送信しました。',
    en: 'A confirmation has been sent to your registered e-mail address.',
  },
  toLogin: { ja: 'ログインページへ', en: 'To the login page' },

  // completion of a reset (the link from a forgot-password mail)
  resetDoneTitle: { ja: 'パスワード再設定完了', en: 'Password reset' },
  resetDone: { ja: 'パスワードの再設定が完了しました。', en: 'Your password has been reset.' },
  resetDoneEasy: { ja: '【パスワードを新(あたら)しくしました。】', en: '' },
  resetDoneNext: {
    ja: '認証IDと新しいパスワードでログインしてください。',
    en: 'Log in with your authentication ID (認証ID) and your new password.',
  },
  resetDoneMail: {
    ja: '登録したメールアドレスへ、パスワード再設定完了のお知らせを送信しました。',
    en: 'A confirmation has been sent to your registered e-mail address.',
  },

  // invalid link
  invalidTitle: { ja: 'このリンクは使用できません', en: 'This link cannot be used' },
  invalidText: {
    ja: 'メールに記載されたリンクが無効です。有効期限が切れた、既に使用された、又はより新しいメールが送信されたため、このリンクは使用できなくなった可能性があります。',
    en: 'The link from the mail is not valid. It may have expired, have been used already, or have been replaced by a newer mail.',
  },
  invalidEasy: {
    ja: '【このリンクは使(つか)えません。時間(じかん)が過(す)ぎたか、もう使(つか)ったリンクです。】',
    en: '',
  },
  invalidWhatToDo: {
    ja: '「パスワードを忘れた場合」から認証IDとメールアドレスを入力すると、新しいリンクを記載したメールが届きます（利用者登録の後、パスワードを登録する前にリンクの有効期限が切れた場合も同じです）。',
    en: 'Use "Forgot your password?" with your authentication ID (認証ID) and e-mail address to get a mail with a new link. This also works when the link from your registration mail expired before you set a password.',
  },
  newestMail: {
    ja: '複数のメールが届いている場合は、最も新しいメールのリンクを使用してください。',
    en: 'If you received several mails, use the link in the newest one.',
  },
  forgot: { ja: 'パスワードを忘れた場合', en: 'Forgot your password?' },
  toTop: { ja: 'トップページへ', en: 'To the top page' },
});
