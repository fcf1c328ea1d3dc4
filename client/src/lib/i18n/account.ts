import { defineTexts } from './index';

/**
 * Screens 7 (利用者情報表示), 8 (利用者情報変更), 9 (更新完了) and the texts the update-completion pages share
 * (screen 11 uses them too). The residence search reuses registerTexts (same dialog and panel).
 */
export const accountTexts = defineTexts({
  // ---- screen 7 利用者情報表示
  viewTitle: { ja: '利用者情報表示', en: 'Your user information' },
  viewEasy: { ja: '【あなたの情報(じょうほう)です。】', en: '' },
  viewIntro: {
    ja: '登録されている利用者情報です。住居地、連絡先、メールアドレスを変更する場合は「利用者情報変更」ボタンを、パスワードを変更する場合は「パスワード変更」ボタンを押してください。',
    en: 'This is the information registered for you. To change your residence, phone number or e-mail address choose "Change user information"; to change your password choose "Change password".',
  },
  name: { ja: '氏名', en: 'Name' },
  sex: { ja: '性別', en: 'Sex' },
  MALE: { ja: '男', en: 'Male' },
  FEMALE: { ja: '女', en: 'Female' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  dateFormat: { ja: '{y}年{m}月{d}日', en: '{iso}' },
  residence: { ja: '住居地(都道府県市区町村)', en: 'Residence (prefecture and municipality)' },
  residenceAddress: { ja: '住居地(町名丁目番地号等)', en: 'Residence (town, block, number, building, etc.)' },
  phone: { ja: '連絡先', en: 'Phone number' },
  authId: { ja: '認証ID', en: 'Authentication ID (認証ID)' },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  toEdit: { ja: '利用者情報変更', en: 'Change user information' },
  toPassword: { ja: 'パスワード変更', en: 'Change password' },
  back: { ja: '戻る', en: 'Back' },

  // ---- screen 8 利用者情報変更 (利用者情報入力)
  editTitle: { ja: '利用者情報変更', en: 'Change your user information' },
  editHeadingEasy: { ja: '【あなたの情報(じょうほう)で、変(か)わったところだけ書(か)いてください。】', en: '' },
  editIntro: {
    ja: '変更する項目のみ入力し、「変更」ボタンを押してください。住居地を変更する場合は、都道府県市区町村と町名丁目番地号等をどちらも入力してください。メールアドレスを変更する場合は、確認のため同じメールアドレスを2回入力してください。',
    en: 'Fill in only what has changed, then choose "Change". To change your residence, give both the municipality and the rest of the address. To change your e-mail address, enter the new address twice.',
  },
  current: { ja: '現在の登録内容：', en: 'Now registered: ' },
  newResidence: { ja: '新しい住居地(都道府県市区町村)', en: 'New residence (prefecture and municipality)' },
  newResidenceHint: {
    ja: '検索ボタンを押下して検索してください。',
    en: 'Choose "Search" and pick your municipality from the results.',
  },
  newResidenceAddress: { ja: '新しい住居地(町名丁目番地号等)', en: 'New residence (town, block, number, building, etc.)' },
  newResidenceAddressHint: {
    ja: '全角文字, 80文字以内 例)霞が関１－１－１ ○○マンション１０１号 (半角の英数字・記号・カタカナは全角に変換されます)',
    en: 'Up to 80 characters in Japanese script, e.g. 霞が関1-1-1; half-width letters, digits and symbols are converted to full width',
  },
  newPhone: { ja: '新しい連絡先', en: 'New phone number' },
  newPhoneHint: { ja: '半角数字, 12文字以内 ハイフン不要 例)09012345678', en: 'Digits only, up to 12 (hyphens and spaces are removed), e.g. 09012345678' },
  newEmail: { ja: '新しいメールアドレス', en: 'New e-mail address' },
  newEmailHint: { ja: '半角英数字記号, 60文字以内 例)houmu.taro@example.com', en: 'Up to 60 characters, e.g. houmu.taro@example.com' },
  newEmailConfirmation: { ja: '新しいメールアドレス(確認)', en: 'New e-mail address (confirmation)' },
  newEmailConfirmationHint: {
    ja: '確認のため、同じメールアドレスをもう一度入力してください。',
    en: 'Enter the same address again.',
  },
  submit: { ja: '変更', en: 'Change' },

  // ---- screens 9 and 11 更新完了
  doneTitle: { ja: '更新完了', en: 'Update complete' },
  done: { ja: '利用者情報の更新が完了しました。', en: 'Your user information has been updated.' },
  doneEasy: { ja: '【あなたの情報(じょうほう)を変(か)えました。】', en: '' },
  doneMail: { ja: 'メールアドレス {email} へ更新完了通知が届きます。', en: 'A notice of the update will be sent to {email}.' },
  doneMailEasy: { ja: '【このメールアドレスに、お知(し)らせのメールが届(とど)きます。】', en: '' },
  doneMailOld: {
    ja: '変更前のメールアドレスにも、メールアドレスが変更されたことをお知らせするメールが届きます。',
    en: 'Your previous address also gets a mail telling it that the address was changed.',
  },
  updateHelpdeskIntro: {
    ja: 'メールがしばらくたっても届かない場合は、変更されていない可能性がありますので、お手数ですが下記の問合せ先へご連絡ください。また、下記の問合せ先が対応時間外の場合は、問合せ可能な時間帯にお問合せください。',
    en: 'If the mail does not arrive after a while, the change may not have been made: please contact the help desk below. Outside its hours, please contact it during its hours.',
  },
  updateHelpdeskIntroEasy: {
    ja: '【メールが届(とど)かないときは、ヘルプデスクに電話(でんわ)をするか、メールを送(おく)ってください。】',
    en: '',
  },
  toAccount: { ja: '利用者情報画面へ戻る', en: 'Back to your user information' },
});
