import { defineTexts } from './index';

/** Screen 21 /verify: the public check of an electronic COE (docs/spec/coe.md), the form and the signed code. */
export const verifyTexts = defineTexts({
  title: { ja: '在留資格認定証明書（電子交付）の確認', en: 'Check an electronic Certificate of Eligibility' },
  intro: {
    ja: '電子交付された在留資格認定証明書が有効かどうかを確認できます。QRコードを読み取った場合は、このページが電子署名を確認します（インターネットに接続していなくても、一度このページを開いていれば確認できます）。',
    en: 'Check whether an electronically issued Certificate of Eligibility is valid. When you scanned its QR code, this page checks the digital signature (even offline, once this page has been opened).',
  },
  easy: { ja: '【在留(ざいりゅう)資格(しかく)認定(にんてい)証明書(しょうめいしょ)が本物(ほんもの)か、使(つか)えるか確(たし)かめます。】', en: '' },

  codeHeading: { ja: 'QRコード（検証用コード）の確認結果', en: 'Result of the QR code (verification code)' },
  checking: { ja: '電子署名を確認しています…', en: 'Checking the digital signature…' },
  genuine: { ja: '本物です：出入国在留管理庁の電子署名を確認しました', en: 'Genuine: the digital signature of the Immigration Services Agency is valid' },
  genuineExpired: { ja: '本物ですが、有効期限が切れています', en: 'Genuine, but it has expired' },
  notGenuine: { ja: '本物ではありません', en: 'Not genuine' },
  notGenuineText: {
    ja: 'このコードの電子署名を確認できませんでした。改ざんされたか、出入国在留管理庁が発行したものではありません。',
    en: 'The digital signature of this code could not be confirmed: it was altered, or it was not issued by the Immigration Services Agency.',
  },
  noKeys: {
    ja: '確認用の公開鍵を取得できませんでした。インターネットに接続してから、もう一度このページを開いてください。',
    en: 'The public keys for the check could not be loaded. Connect to the Internet and open this page again.',
  },
  revokedByServer: { ja: '取り消されています', en: 'Revoked' },
  revokedText: { ja: 'この在留資格認定証明書は本物ですが、取り消されています。使用できません。', en: 'This certificate is genuine but has been revoked. It cannot be used.' },
  online: { ja: 'オンライン確認', en: 'Online check' },
  onlineChecking: { ja: '確認中…', en: 'checking…' },
  online_VALID: { ja: '有効（取消しはありません）', en: 'valid (not revoked)' },
  online_EXPIRED: { ja: '有効期限切れ', en: 'expired' },
  online_REVOKED: { ja: '取り消されています', en: 'revoked' },
  online_NO_MATCH: { ja: '記録が見つかりません', en: 'no record found' },
  onlineOffline: {
    ja: 'インターネットに接続していないため、取消しの有無は確認できませんでした（電子署名の確認のみ）。',
    en: 'Offline: whether it was revoked could not be checked (the signature only).',
  },
  onlineLimited: { ja: '確認の回数が上限に達したため、取消しの有無は確認できませんでした。', en: 'Too many checks: whether it was revoked could not be checked.' },
  keysFromCache: { ja: '保存済みの公開鍵で確認しました。', en: 'Checked with the stored public keys.' },
  signedFields: { ja: '署名された内容', en: 'Signed details' },

  formHeading: { ja: '番号と生年月日で確認する', en: 'Check by number and date of birth' },
  formIntro: {
    ja: '在留資格認定証明書番号と、記載された方の生年月日を入力してください。',
    en: 'Enter the certificate number and the holder’s date of birth.',
  },
  number: { ja: '在留資格認定証明書番号', en: 'Certificate number' },
  numberHint: { ja: '半角英数字12文字 例)TK2600012344（スペース・ハイフンは入力しても構いません）', en: '12 letters and digits, e.g. TK2600012344 (spaces and hyphens are fine)' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  birthDateHint: { ja: '例)1990-04-01（1990/4/1、1990年4月1日も可）', en: 'e.g. 1990-04-01 (1990/4/1 also works)' },
  submit: { ja: '確認', en: 'Check' },
  missingSummary: { ja: '「！」がついている項目を入力してください。', en: 'Please fill in the items marked "!".' },
  missingShort: { ja: '入力してください。', en: 'Please fill this in.' },
  numberMissing: { ja: '在留資格認定証明書番号を入力してください。', en: 'Please enter the certificate number.' },
  birthDateMissing: { ja: '生年月日を入力してください。', en: 'Please enter the date of birth.' },

  resultHeading: { ja: '確認結果', en: 'Result' },
  result_VALID: { ja: '有効です', en: 'Valid' },
  result_EXPIRED: { ja: '有効期限が切れています', en: 'Expired' },
  result_REVOKED: { ja: '取り消されています', en: 'Revoked' },
  result_NO_MATCH: { ja: '一致する在留資格認定証明書はありません', en: 'No matching certificate' },
  noMatchText: {
    ja: '番号または生年月日が違います。入力内容を確認してください（翻訳されたメールでは番号が変わっていることがあります）。',
    en: 'The number or the date of birth is wrong. Check what you entered (a machine-translated mail may have altered the number).',
  },
  maskedName: { ja: '氏名（一部）', en: 'Name (partly hidden)' },
});
