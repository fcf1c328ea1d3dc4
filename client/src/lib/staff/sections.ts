import { defineTexts, type Texts } from '#lib/i18n/index.js';
import type { StaffRole } from './graphql/generated/graphql';

/** A section of the console and the roles that open it (docs/spec/staff.md "API": the roles of its operations). */
export interface Section {
  path: string;
  roles: StaffRole[];
  label: Texts & { text: { ja: string; en: string } };
  text: Texts & { text: { ja: string; en: string } };
}

/**
 * The sections built so far. The applicant search, approvals, notices and audit viewer join here when the staff API
 * has their operations (docs/spec/staff.md "Not built yet").
 */
export const SECTIONS: Section[] = [
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
