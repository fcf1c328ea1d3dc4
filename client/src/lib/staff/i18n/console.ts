import { defineTexts } from '#lib/i18n/index.js';

/** The staff console's frame, dashboard and shared labels (docs/spec/staff.md "Staff console"). */
export const consoleTexts = defineTexts({
  title: { ja: '職員用管理画面', en: 'Staff console' },
  skipToContent: { ja: '本文へ移動', en: 'Skip to main content' },
  staffLine: { ja: 'ログイン中：', en: 'Logged in: ' },
  logout: { ja: 'ログアウト', en: 'Log out' },
  navLabel: { ja: '職員メニュー', en: 'Staff menu' },
  dashboard: { ja: 'ダッシュボード', en: 'Dashboard' },
  who: { ja: 'ログイン中の職員', en: 'Logged in as' },
  name: { ja: '氏名', en: 'Name' },
  loginId: { ja: 'ログインID', en: 'Login ID' },
  bureau: { ja: '所属', en: 'Bureau' },
  roles: { ja: '役割', en: 'Roles' },
  status: { ja: '状態', en: 'Status' },
  lastLogin: { ja: '最終ログイン日時', en: 'Last login' },
  none: { ja: 'なし', en: 'none' },
  sections: { ja: '業務', en: 'Sections' },
  noSections: { ja: '利用できる業務はありません。役割の付与を職員管理者に依頼してください。', en: 'No section is open to your roles. Ask a staff administrator for a role.' },
  members: { ja: '職員管理', en: 'Staff members' },
  membersText: { ja: '職員の登録、役割の設定、無効化、第二要素の再設定', en: 'Create staff members, set roles, disable, reset the second factor' },
  forbiddenTitle: { ja: 'この画面を利用する権限がありません', en: 'You may not use this page' },
  forbidden: { ja: 'この画面に必要な役割がありません。', en: 'This page needs a role you do not have.' },
  notFoundTitle: { ja: 'ページが見つかりません', en: 'Page not found' },
  errorTitle: { ja: 'システムエラー', en: 'System error' },
  errorText: { ja: 'システムエラーが発生しました。時間をおいて再度お試しください。', en: 'A system error occurred. Please try again later.' },
  reference: { ja: '問合せ番号：', en: 'Reference: ' },
  backToDashboard: { ja: 'ダッシュボードへ戻る', en: 'Back to the dashboard' },
  colon: { ja: '：', en: ': ' },
  // a list and a parenthesis in the page's language: 「窓口担当、統括」「（…）」, "Counter clerk, Supervisor" " (…)"
  listSep: { ja: '、', en: ', ' },
  openParen: { ja: '（', en: ' (' },
  closeParen: { ja: '）', en: ')' },
  cancel: { ja: 'キャンセル', en: 'Cancel' },
  execute: { ja: '実行する', en: 'Confirm' },
  confirmTitle: { ja: '実行内容の確認', en: 'Please confirm' },
});

export const roleLabels = defineTexts({
  COUNTER_CLERK: { ja: '窓口担当', en: 'Counter clerk' },
  SUPERVISOR: { ja: '統括', en: 'Supervisor' },
  NOTICE_EDITOR: { ja: 'お知らせ編集', en: 'Notice editor' },
  AUDITOR: { ja: '監査', en: 'Auditor' },
  STAFF_ADMIN: { ja: '職員管理', en: 'Staff administrator' },
});

export const bureauLabels = defineTexts({
  SAPPORO: { ja: '札幌出入国在留管理局', en: 'Sapporo Regional Immigration Services Bureau' },
  SENDAI: { ja: '仙台出入国在留管理局', en: 'Sendai Regional Immigration Services Bureau' },
  TOKYO: { ja: '東京出入国在留管理局', en: 'Tokyo Regional Immigration Services Bureau' },
  NAGOYA: { ja: '名古屋出入国在留管理局', en: 'Nagoya Regional Immigration Services Bureau' },
  OSAKA: { ja: '大阪出入国在留管理局', en: 'Osaka Regional Immigration Services Bureau' },
  HIROSHIMA: { ja: '広島出入国在留管理局', en: 'Hiroshima Regional Immigration Services Bureau' },
  TAKAMATSU: { ja: '高松出入国在留管理局', en: 'Takamatsu Regional Immigration Services Bureau' },
  FUKUOKA: { ja: '福岡出入国在留管理局', en: 'Fukuoka Regional Immigration Services Bureau' },
  YOKOHAMA: { ja: '東京出入国在留管理局横浜支局', en: 'Yokohama District Immigration Services Office' },
  KOBE: { ja: '大阪出入国在留管理局神戸支局', en: 'Kobe District Immigration Services Office' },
  NAHA: { ja: '福岡出入国在留管理局那覇支局', en: 'Naha District Immigration Services Office' },
});

export const statusLabels = defineTexts({
  ACTIVE: { ja: '有効', en: 'Active' },
  DISABLED: { ja: '無効', en: 'Disabled' },
});

export const ROLES = ['COUNTER_CLERK', 'SUPERVISOR', 'NOTICE_EDITOR', 'AUDITOR', 'STAFF_ADMIN'] as const;
export const BUREAUS = ['SAPPORO', 'SENDAI', 'TOKYO', 'NAGOYA', 'OSAKA', 'HIROSHIMA', 'TAKAMATSU', 'FUKUOKA', 'YOKOHAMA', 'KOBE', 'NAHA'] as const;
