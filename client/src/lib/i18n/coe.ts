import { defineTexts } from './index';

/**
 * The electronic COE's applicant screens (docs/spec/screens.md, screens 16–20): the menu tile, the list, the detail,
 * the print view and the 受領登録 pages. Easy-Japanese lines 【…】 carry their readings as 漢字(かんじ).
 */
export const coeTexts = defineTexts({
  menuTile: { ja: '在留資格認定証明書（電子交付）', en: 'Certificate of Eligibility (electronic issuance)' },
  menuText: {
    ja: '電子交付された在留資格認定証明書の確認、受領登録、メールの再送信、印刷を行います。【メールでもらった在留(ざいりゅう)資格(しかく)認定(にんてい)証明書(しょうめいしょ)を見(み)たり、印刷(いんさつ)したりします。】',
    en: 'View, register receipt of, re-send and print the Certificates of Eligibility issued to you electronically.',
  },
  menuButton: { ja: '在留資格認定証明書を確認する', en: 'View certificates' },

  listTitle: { ja: '在留資格認定証明書（電子交付）一覧', en: 'Certificates of Eligibility (electronic issuance)' },
  listIntro: {
    ja: 'あなたに電子交付された在留資格認定証明書です（新しい順）。番号を選ぶと詳細を表示します。',
    en: 'The Certificates of Eligibility issued to you electronically, newest first. Choose a number to see the details.',
  },
  listEasy: { ja: '【番号(ばんごう)を押(お)すと、くわしい内容(ないよう)が見(み)られます。】', en: '' },
  listEmpty: { ja: '電子交付された在留資格認定証明書はありません。', en: 'No Certificate of Eligibility has been issued to you electronically.' },
  listCaption: { ja: '在留資格認定証明書の一覧', en: 'Your Certificates of Eligibility' },

  number: { ja: '在留資格認定証明書番号', en: 'Certificate number' },
  name: { ja: '氏名', en: 'Name' },
  nationality: { ja: '国籍・地域', en: 'Nationality / region' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  sex: { ja: '性別', en: 'Sex' },
  MALE: { ja: '男 Male', en: 'Male' },
  FEMALE: { ja: '女 Female', en: 'Female' },
  statusOfResidence: { ja: '在留資格', en: 'Status of residence' },
  organization: { ja: '所属機関', en: 'Organization' },
  issuedOn: { ja: '交付年月日', en: 'Issued on' },
  expiresOn: { ja: '有効期限', en: 'Valid until' },
  bureau: { ja: '交付した地方出入国在留管理局', en: 'Issuing bureau' },
  state: { ja: '状態', en: 'State' },
  receiptRegisteredAt: { ja: '受領登録日時', en: 'Receipt registered' },
  revokedAt: { ja: '取消日時', en: 'Revoked' },
  revocationReason: { ja: '取消しの理由', en: 'Reason for revocation' },
  replacedBy: { ja: '訂正後の在留資格認定証明書', en: 'Corrected certificate' },
  replaces: { ja: '訂正前の在留資格認定証明書', en: 'Certificate it corrects' },
  none: { ja: 'なし', en: 'none' },

  state_ISSUED: { ja: '交付済み（メール送信中）', en: 'Issued (mail being sent)' },
  state_MAILED: { ja: 'メール送信済み', en: 'Mailed' },
  state_RECEIPT_REGISTERED: { ja: '受領登録済み', en: 'Receipt registered' },
  state_REVOKED: { ja: '取消し', en: 'Revoked' },
  state_EXPIRED: { ja: '有効期限切れ', en: 'Expired' },

  detailTitle: { ja: '在留資格認定証明書（電子交付）詳細', en: 'Certificate of Eligibility: details' },
  qrHeading: { ja: '検証用コード', en: 'Verification code' },
  qrText: {
    ja: 'このQRコードには、在留資格認定証明書の内容と電子署名が入っています。在外公館や上陸審査では、これを読み取って、インターネットに接続していなくても真正であることを確認できます。',
    en: 'This QR code holds the certificate’s details and a digital signature. An embassy or the landing examination can scan it to check that the certificate is genuine, even without an Internet connection.',
  },
  qrAlt: { ja: '検証用QRコード（在留資格認定証明書番号 {number}）', en: 'Verification QR code (certificate number {number})' },
  verifyLink: { ja: 'このコードを検証ページで確認する', en: 'Check this code on the verification page' },
  receiptHeading: { ja: '受領登録', en: 'Register receipt' },
  receiptDoneText: { ja: '受領登録は完了しています。', en: 'Receipt has been registered.' },
  receiptTodo: {
    ja: 'メールに記載された受領登録用のリンクから受領登録をしてください。メールが見当たらない場合は、メールを再送信してください（新しいメールのリンクだけが使えます）。',
    en: 'Register receipt with the link in the mail. If you cannot find the mail, send it again (only the newest mail’s link works).',
  },
  receiptEasy: { ja: '【メールのリンクを押(お)して、受(う)け取(と)ったことを登録(とうろく)してください。】', en: '' },
  receiptButton: { ja: '受領登録', en: 'Register receipt' },
  resendHeading: { ja: 'メールの再送信', en: 'Send the mail again' },
  resendText: {
    ja: '在留資格認定証明書のメールを、現在登録されているメールアドレスへ再送信します（1件につき1日3回まで）。',
    en: 'Sends the certificate’s mail again to your current e-mail address (at most 3 times a day per certificate).',
  },
  resendButton: { ja: 'メールを再送信', en: 'Send the mail again' },
  resent: { ja: 'メールを再送信しました。新しいメールのリンクで受領登録してください。', en: 'The mail was sent again. Use the new mail’s link to register receipt.' },
  resendLimited: {
    ja: 'このメールは本日すでに3回再送信しています。{time}以降に再度お試しください。',
    en: 'This mail has already been sent again 3 times today. Please try again after {time}.',
  },
  resendLimitedSoon: { ja: 'このメールは本日すでに3回再送信しています。時間をおいて再度お試しください。', en: 'This mail has already been sent again 3 times today. Please try again later.' },
  printButton: { ja: '印刷用の画面を表示', en: 'Printable page' },
  toList: { ja: '一覧へ戻る', en: 'Back to the list' },
  toMenu: { ja: 'メニューへ戻る', en: 'Back to the menu' },
  notUsable: { ja: 'この在留資格認定証明書は使用できません（{state}）。', en: 'This certificate cannot be used ({state}).' },

  printTitle: { ja: '在留資格認定証明書（電子交付）', en: 'Certificate of Eligibility (electronic issuance)' },
  printNote: {
    ja: 'この書面は電子交付された在留資格認定証明書を印刷したものです。QRコードを読み取るか、{verifyUrl} で番号と生年月日を入力すると、真正であることを確認できます。',
    en: 'This is a printout of an electronically issued Certificate of Eligibility. Scan the QR code, or enter the number and the date of birth at {verifyUrl}, to check that it is genuine.',
  },
  printHint: { ja: 'ブラウザの印刷機能でA4用紙1枚に印刷できます。', en: 'Use your browser’s print function: it fits one A4 page.' },
  printBack: { ja: '詳細へ戻る', en: 'Back to the details' },

  receiptTitle: { ja: '在留資格認定証明書の受領登録', en: 'Register receipt of a Certificate of Eligibility' },
  receiptConfirm: {
    ja: 'メールで届いた在留資格認定証明書を受け取ったことを登録します。よろしければ「受領登録する」を押してください。',
    en: 'This registers that you received the Certificate of Eligibility sent by mail. Press “Register receipt” to continue.',
  },
  receiptConfirmEasy: { ja: '【メールを受(う)け取(と)ったことを登録(とうろく)します。「受領登録(じゅりょうとうろく)する」を押(お)してください。】', en: '' },
  receiptSubmit: { ja: '受領登録する', en: 'Register receipt' },
  receiptNoLink: {
    ja: '受領登録は、メールに記載された受領登録用のリンクから行います。メールのリンクを開いてください。',
    en: 'Receipt is registered from the link in the mail. Please open the link in the mail.',
  },
  receiptFailedTitle: { ja: '受領登録できませんでした', en: 'Receipt could not be registered' },
  receiptNotForClass: {
    ja: 'このリンクは、ログインしている利用者の在留資格認定証明書のものではありません。受取人の認証IDでログインしてください。',
    en: 'This link is not for a certificate of the user who is logged in. Please log in with the recipient’s user ID.',
  },
  receiptDoneTitle: { ja: '受領登録完了', en: 'Receipt registered' },
  receiptDoneMessage: { ja: '在留資格認定証明書（番号 {number}）の受領登録が完了しました。', en: 'Receipt of the Certificate of Eligibility {number} has been registered.' },
  receiptDoneMail: { ja: '登録されているメールアドレスへ受領登録完了のお知らせが届きます。', en: 'A notice that receipt was registered is sent to your e-mail address.' },
  receiptDoneEasy: { ja: '【受(う)け取(と)ったことを登録(とうろく)しました。】', en: '' },
  toDetail: { ja: '在留資格認定証明書の詳細へ', en: 'Certificate details' },
});
