import { defineTexts, type Texts } from '#lib/i18n/index.js';
import type { StaffRole } from './graphql/generated/graphql';

/** A section of the console and the roles that open it (docs/spec/staff.md "API": the roles of its operations). */
export interface Section {
  path: string;
  roles: StaffRole[];
  label: Texts & { text: { ja: string; en: string } };
  text: Texts & { text: { ja: string; en: string } };
}

/** The console's sections, in the order of the dashboard and the menu. */
export const SECTIONS: Section[] = [
  {
    path: '/staff/applicants',
    roles: ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'],
    label: defineTexts({ text: { ja: '申請者検索', en: 'Applicants' } }),
    text: defineTexts({ text: { ja: '申請者アカウントの検索、詳細の確認、ロック解除などの手続', en: 'Search applicant accounts, see their details, unlock and other actions' } }),
  },
  {
    path: '/staff/approvals',
    roles: ['SUPERVISOR'],
    label: defineTexts({ text: { ja: '承認待ち', en: 'Approvals' } }),
    text: defineTexts({ text: { ja: '抹消・メールアドレス訂正の依頼の承認又は却下', en: 'Approve or reject requests for deletion and e-mail correction' } }),
  },
  {
    path: '/staff/notices',
    roles: ['NOTICE_EDITOR'],
    label: defineTexts({ text: { ja: 'お知らせ', en: 'Notices' } }),
    text: defineTexts({ text: { ja: 'トップページのお知らせの作成、公開期間の設定、取下げ', en: 'Write the top page’s notices, schedule and withdraw them' } }),
  },
  {
    path: '/staff/audit',
    roles: ['AUDITOR', 'SUPERVISOR'],
    label: defineTexts({ text: { ja: '監査ログ', en: 'Audit trail' } }),
    text: defineTexts({ text: { ja: '監査ログの検索、改ざん検知の状態、CSV出力', en: 'Search the audit trail, its chain status, CSV export' } }),
  },
  {
    path: '/staff/members',
    roles: ['STAFF_ADMIN'],
    label: defineTexts({ text: { ja: '職員管理', en: 'Staff members' } }),
    text: defineTexts({ text: { ja: '職員の登録、役割の設定、無効化、第二要素の再設定', en: 'Create staff members, set roles, disable, reset the second factor' } }),
  },
];

/** The sections a member with these roles may open. */
export function sectionsFor(roles: StaffRole[]): Section[] {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
}
