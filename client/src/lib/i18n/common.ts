import { defineTexts } from './index';

export const commonTexts = defineTexts({
  agency: { ja: '出入国在留管理庁', en: 'Immigration Services Agency of Japan' },
  agencyEn: { ja: 'Immigration Services Agency of Japan', en: '出入国在留管理庁' },
  system: { ja: '在留申請オンラインシステム', en: 'Residence Application Online System' },
  // the same, with | where the header may break a line (it breaks nowhere else: 「システ/ム」 on a phone)
  systemPhrases: { ja: '在留申請|オンライン|システム', en: 'Residence Application Online System' },
  userName: { ja: 'ユーザ名：', en: 'User name: ' },
  previousLogin: { ja: '前回ログイン日時：', en: 'Previous login: ' },
  firstLogin: { ja: 'なし（初めてのログイン）', en: 'none (first login)' },
  logout: { ja: 'ログアウト', en: 'Log out' },
  backToTop: { ja: 'トップページへ戻る', en: 'Back to the top page' },
  copyright: {
    ja: 'Copyright (C) Immigration Services Agency of Japan All Rights Reserved.',
    en: 'Copyright (C) Immigration Services Agency of Japan All Rights Reserved.',
  },
  language: { ja: '言語', en: 'Language' },
  furigana: { ja: 'ふりがな', en: 'Furigana (Japanese readings)' },
  furiganaOn: { ja: 'ふりがなを表示する', en: 'Show furigana' },
  furiganaOff: { ja: 'ふりがなを消す', en: 'Hide furigana' },
  required: { ja: '必須', en: 'Required' },
  errorSummaryTitle: { ja: '入力内容に誤りがあります', en: 'There is a problem' },
  // the summary's title when no field is at fault (a lock, an unusable account, a rate limit): not an input mistake
  problemSummaryTitle: { ja: '手続きを完了できませんでした', en: 'There is a problem' },
  skipToContent: { ja: '本文へ移動', en: 'Skip to main content' },
  unavailable: { ja: '利用不可', en: 'Unavailable' },
  // after a label: the full-width colon in Japanese, ": " in English
  colon: { ja: '：', en: ': ' },
  helpdeskTitle: { ja: '【問合せ先】', en: '[Contact]' },
  helpdesk: { ja: 'ヘルプデスク', en: 'Help desk' },
  helpdeskHoursLabel: { ja: '問合せ対応時間：', en: 'Hours: ' },
  helpdeskEasy: {
    ja: '【電話(でんわ)できる曜日(ようび)：月曜日(げつようび)から金曜日(きんようび)まで　電話(でんわ)できる時間(じかん)：9時(じ)から17時(じ)まで】',
    en: '',
  },
});
