import { defineTexts } from './index';

/** Screens 3 / 3b / 3c: 利用者情報登録 STEP1–3 and the residence search. */
export const registerTexts = defineTexts({
  title: { ja: '利用者情報登録', en: 'User registration' },
  stepsLabel: { ja: '手続の流れ', en: 'Steps' },
  step1: { ja: 'STEP1 利用者情報入力', en: 'STEP1 Enter your information' },
  step2: { ja: 'STEP2 利用者情報確認', en: 'STEP2 Check your information' },
  step3: { ja: 'STEP3 利用者情報登録完了', en: 'STEP3 Registration received' },

  // ---- STEP1
  heading1: { ja: '利用者情報入力(STEP1)', en: 'Enter your user information (STEP1)' },
  heading1Easy: { ja: '【システムを使(つか)う人(ひと)のことを書(か)いてください。】', en: '' },
  intro1: {
    ja: '「必須」の項目は必ず入力してください。入力が終わったら「確認」ボタンを押してください。',
    en: 'Fill in every item marked "Required", then choose "Confirm".',
  },
  name: { ja: '利用者氏名', en: 'Name' },
  nameHint: {
    ja: '半角英字(大文字入力), 104文字以内 スペース区切り 例)HOUMU TARO',
    en: 'Capital letters A–Z, up to 104 characters, name parts separated by a space, e.g. HOUMU TARO',
  },
  sex: { ja: '性別', en: 'Sex' },
  MALE: { ja: '男 Male', en: 'Male' },
  FEMALE: { ja: '女 Female', en: 'Female' },
  MALE_short: { ja: '男', en: 'Male' },
  FEMALE_short: { ja: '女', en: 'Female' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  birthDateHint: { ja: '西暦で入力してください。例)1990年4月1日', en: 'Gregorian calendar, e.g. 1990 / 4 / 1 (year / month / day)' },
  birthYear: { ja: '年', en: 'Year' },
  birthMonth: { ja: '月', en: 'Month' },
  birthDay: { ja: '日', en: 'Day' },
  residence: { ja: '住居地(都道府県市区町村)', en: 'Residence (prefecture and municipality)' },
  residenceHint: { ja: '検索ボタンを押下して検索してください。', en: 'Choose "Search" and pick your municipality from the results.' },
  residenceNone: { ja: '（未選択）', en: '(not chosen yet)' },
  search: { ja: '検索', en: 'Search' },
  residenceAddress: { ja: '住居地(町名丁目番地号等)', en: 'Residence (town, block, number, building, etc.)' },
  residenceAddressHint: {
    ja: '全角文字, 80文字以内 例)霞が関１－１－１ ○○マンション１０１号 (半角の英数字・記号・カタカナは全角に変換されます)',
    en: 'Up to 80 characters in Japanese script, e.g. 霞が関1-1-1; half-width letters, digits and symbols are converted to full width',
  },
  phone: { ja: '利用者連絡先', en: 'Phone number' },
  phoneHint: { ja: '半角数字, 12文字以内 ハイフン不要 例)09012345678', en: 'Digits only, up to 12 (hyphens and spaces are removed), e.g. 09012345678' },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  emailHint: { ja: '半角英数字記号, 60文字以内 例)houmu.taro@example.com', en: 'Up to 60 characters, e.g. houmu.taro@example.com' },
  emailConfirmation: { ja: 'メールアドレス(確認)', en: 'E-mail address (confirmation)' },
  emailConfirmationHint: { ja: '確認のため、同じメールアドレスをもう一度入力してください。', en: 'Enter the same address again.' },
  userClass: { ja: '利用者の区分', en: 'User class' },
  userClassHint: {
    ja: 'あてはまるものを一つ選択してください。【あなたにあてはまるものを1つ選(えら)んでください。】',
    en: 'Choose the one that applies to you.',
  },
  LAWYER_OR_SCRIVENER: { ja: '弁護士・行政書士', en: 'Lawyer / administrative scrivener' },
  LAWYER_OR_SCRIVENER_text: {
    ja: '他(ほか)の人(ひと)の申請(しんせい)をします。私(わたし)は、入管(にゅうかん)から認(みと)められた、代(か)わりに手続(てつづき)ができる人(ひと)です。',
    en: 'I apply for others and am approved by immigration to do so.',
  },
  FOREIGN_NATIONAL: { ja: '外国人本人', en: 'Foreign national' },
  FOREIGN_NATIONAL_text: {
    ja: 'このシステムを使(つか)って、自分(じぶん)の申請(しんせい)をします。',
    en: 'I apply for myself.',
  },
  LEGAL_REPRESENTATIVE: { ja: '法定代理人', en: 'Legal representative' },
  LEGAL_REPRESENTATIVE_text: {
    ja: '家族(かぞく)の申請(しんせい)をします。私(わたし)は法律(ほうりつ)で決(き)められている、代(か)わりに手続(てつづき)ができる人(ひと)です。',
    en: 'I apply for a family member as their legal representative.',
  },
  RELATIVE: { ja: '配偶者、子、父又は母等', en: 'Spouse, child, father or mother, etc.' },
  RELATIVE_text: {
    ja: '家族(かぞく)の申請(しんせい)をします。「私(わたし)は法律(ほうりつ)で決(き)められている、代(か)わりに手続(てつづき)ができる人(ひと)」ではない、妻(つま)や夫(おっと)、子(こ)ども、お父(とう)さんお母(かあ)さんなどです。',
    en: 'I apply for a family member but am not their legal representative.',
  },
  COUNTER_COE_RECIPIENT: {
    ja: '(窓口申請)在留資格認定証明書電子交付希望者',
    en: '(Counter application) applicant wishing to receive the Certificate of Eligibility electronically',
  },
  COUNTER_COE_RECIPIENT_text: {
    ja: '地方(ちほう)の入管(にゅうかん)の窓口(まどぐち)で紙(かみ)で申請(しんせい)した在留資格(ざいりゅうしかく)認定(にんてい)証明書(しょうめいしょ)交付(こうふ)申請(しんせい)の結果(けっか)を電子(でんし)メールでもらいたい人(ひと)です。',
    en: 'I applied on paper at a regional immigration bureau and want the result by e-mail.',
  },
  terms: { ja: '利用規約', en: 'Terms of use' },
  termsText: {
    ja: '利用規約を確認した上で同意される場合は、「利用規約に同意します。」にチェックしてください。',
    en: 'Read the terms of use and, if you agree to them, tick "I agree to the terms of use."',
  },
  termsLink: { ja: '利用規約', en: 'Terms of use' },
  newWindow: { ja: '（新しいウィンドウで開きます）', en: ' (opens in a new window)' },
  termsAgree: { ja: '利用規約に同意します。', en: 'I agree to the terms of use.' },
  confirm: { ja: '確認', en: 'Confirm' },
  back: { ja: '戻る', en: 'Back' },

  // ---- the residence search (a dialog with JavaScript, a panel in the page without)
  searchTitle: { ja: '住居地の検索', en: 'Search for your residence' },
  searchIntro: {
    ja: '都道府県を選択してから、市区町村を選択してください。市区町村名の一部又はよみがなを入力して「検索」ボタンを押すと、絞り込むことができます。【都道府県(とどうふけん)を選(えら)んでから、市区町村(しくちょうそん)を選(えら)んでください。】',
    en: 'Choose the prefecture, then your municipality (city, ward, town or village) from the list. To narrow the list, type part of its name in English letters or in Japanese and choose "Search".',
  },
  searchIntroEn: {
    ja: '',
    en: 'Names are in English with the Japanese in brackets, in the official code order (shi: city, ku: ward, machi or cho: town, mura or son: village).',
  },
  searchPrefecture: { ja: '都道府県', en: 'Prefecture' },
  choosePrefecture: { ja: '選択してください', en: 'Choose a prefecture' },
  searchText: { ja: '市区町村名の一部又はよみがな（任意）', en: 'Part of the name (optional)' },
  searchTextHint: { ja: '例)ちよだ、千代田、chiyoda', en: 'e.g. chiyoda, Kita-ku, chuo, 千代田 or ちよだ' },
  pick: { ja: '選択', en: 'Choose' },
  close: { ja: '閉じる', en: 'Close' },
  cancelSearch: { ja: '検索をやめる', en: 'Close the search' },
  found: { ja: '{n}件見つかりました。', en: '{n} found.' },
  noneFound: { ja: '該当する市区町村はありません。', en: 'No municipality matches.' },
  needPrefecture: { ja: '都道府県を選択してください。', en: 'Please choose a prefecture first.' },
  searching: { ja: '検索しています…', en: 'Searching…' },
  searchFailed: { ja: '検索できませんでした。もう一度お試しください。', en: 'The search failed. Please try again.' },
  resultsLabel: { ja: '検索結果', en: 'Results' },

  // ---- STEP2
  heading2: { ja: '利用者情報確認(STEP2)', en: 'Check your user information (STEP2)' },
  heading2Easy: { ja: '【書(か)いたことが正(ただ)しいか確(たし)かめてください。】', en: '' },
  intro2: {
    ja: '入力内容を確認し、よろしければ「登録」ボタンを押してください。修正する場合は「戻る」ボタンを押してください。',
    en: 'Check your information. If it is correct, choose "Register"; to correct it, choose "Back".',
  },
  normalizedNote: {
    ja: '全角・半角などは、登録される形に変換して表示しています。',
    en: 'Some characters (full-width / half-width, case) are shown converted to the form in which they will be registered.',
  },
  register: { ja: '登録', en: 'Register' },
  dateFormat: { ja: '{y}年{m}月{d}日', en: '{iso}' },

  // ---- STEP3
  heading3: { ja: '利用者情報登録完了(STEP3)', en: 'Registration received (STEP3)' },
  heading3Easy: { ja: '【登録(とうろく)の受付(うけつけ)が終(お)わりました。】', en: '' },
  doneMail: {
    ja: '利用者情報の登録を受け付けました。メールアドレス {email} へ、認証IDとパスワード登録用のリンクを記載したメールを送信しました。',
    en: 'Your registration has been received. A mail with your authentication ID (認証ID) and a link to set your password has been sent to {email}.',
  },
  doneMailUnknown: {
    ja: '利用者情報の登録を受け付けました。登録したメールアドレスへ、認証IDとパスワード登録用のリンクを記載したメールを送信しました。',
    en: 'Your registration has been received. A mail with your authentication ID (認証ID) and a link to set your password has been sent to the address you registered.',
  },
  doneEasy: {
    ja: '【あなたのメールアドレスに、認証(にんしょう)IDとパスワードを決(き)めるためのリンクを送(おく)りました。】',
    en: '',
  },
  nextHeading: { ja: '今後の手続', en: 'What to do next' },
  next1: {
    ja: '届いたメールに記載されたリンクにアクセスし、パスワードを登録してください。リンクの有効期限はメールに記載されています。',
    en: 'Open the link in the mail and set your password. The mail says until when the link is valid.',
  },
  next1Easy: { ja: '【メールのリンクを開(ひら)いて、パスワードを決(き)めてください。】', en: '' },
  next2: {
    ja: '(窓口申請)在留資格認定証明書電子交付希望者の方は、メールに記載された認証IDを電子交付希望申出書に記入し、地方出入国在留管理官署の窓口に提出してください。',
    en: 'If you applied at a regional immigration bureau counter and wish to receive the Certificate of Eligibility electronically, write the authentication ID (認証ID) from the mail on the request form (電子交付希望申出書) and submit it at the counter.',
  },
  next2Easy: {
    ja: '【窓口(まどぐち)で申請(しんせい)した人(ひと)は、認証(にんしょう)IDを電子(でんし)交付(こうふ)希望(きぼう)申出書(もうしでしょ)に書(か)いて、入管(にゅうかん)の窓口(まどぐち)に出(だ)してください。】',
    en: '',
  },
  mailAdviceHeading: { ja: 'メールの受信について', en: 'Receiving the mail' },
  // the first sentence only when the sender domain is a real one (see server/src/config.ts isAllowListDomain)
  mailAdviceAllow: {
    ja: '迷惑メール対策などでメールの受信を制限している場合は、「@{domain}」からのメールを受信できるように設定してください。',
    en: 'If you filter incoming mail (e.g. against spam), allow mail from "@{domain}".',
  },
  mailAdviceAbroad: {
    ja: '海外のフリーメールサービスをご利用の場合、メールを受信できないことがあります。',
    en: 'Some free mail services abroad may not receive the mail.',
  },
  // the easy-Japanese line joins the two (the page puts them in 【】)
  mailAdviceAllowEasy: {
    ja: '「@{domain}」からのメールが届(とど)くように設定(せってい)してください。',
    en: '',
  },
  mailAdviceAbroadEasy: {
    ja: '外国(がいこく)の無料(むりょう)のメールでは、届(とど)かないことがあります。',
    en: '',
  },
  helpdeskIntro: {
    ja: 'メールがしばらくたっても届かない場合は、お手数ですが下記の問合せ先へご連絡ください。',
    en: 'If the mail does not arrive after a while, please contact the help desk below.',
  },
  toTop: { ja: 'トップページへ', en: 'To the top page' },
});

export const USER_CLASS_VALUES = [
  'LAWYER_OR_SCRIVENER',
  'FOREIGN_NATIONAL',
  'LEGAL_REPRESENTATIVE',
  'RELATIVE',
  'COUNTER_COE_RECIPIENT',
] as const;
export type UserClassValue = (typeof USER_CLASS_VALUES)[number];
