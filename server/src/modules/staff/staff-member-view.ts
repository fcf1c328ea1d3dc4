import type { EntityManager } from '@mikro-orm/postgresql';
import { withDates } from '../../db/raw.js';
import type { Bureau, SecondFactorMethod, StaffRole, StaffStatus } from './staff-roles.js';

/** A staff member as the staff API shows them: never a password hash, TOTP secret, passkey key or token. */
export interface StaffMemberView {
  id: string;
  loginId: string;
  name: string;
  bureau: Bureau;
  roles: StaffRole[];
  status: StaffStatus;
  secondFactors: SecondFactorMethod[];
  enrolledAt: Date | null;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

interface Row {
  id: string;
  login_id: string;
  name: string;
  bureau: Bureau;
  roles: StaffRole[];
  status: StaffStatus;
  has_totp: boolean;
  passkeys: string | number;
  enrolled_at: Date | null;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

const VIEW_SELECT = `select id, login_id, name, bureau, roles, status, totp_secret is not null as has_totp,
  (select count(*) from staff_passkey p where p.staff_id = m.id) as passkeys, enrolled_at, locked_until, last_login_at, created_at
  from staff_member m`;

function view(raw: Row): StaffMemberView {
  const row = withDates(raw, 'enrolled_at', 'locked_until', 'last_login_at', 'created_at');
  return {
    id: row.id,
    loginId: row.login_id,
    name: row.name,
    bureau: row.bureau,
    roles: row.roles,
    status: row.status,
    secondFactors: [...(row.has_totp ? ['TOTP' as const] : []), ...(Number(row.passkeys) > 0 ? ['PASSKEY' as const] : [])],
    enrolledAt: row.enrolled_at,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at as Date,
  };
}

export async function findStaffMemberView(em: EntityManager, id: string): Promise<StaffMemberView | null> {
  const [row] = await em.execute<Row[]>(`${VIEW_SELECT} where id = ?`, [id]);
  return row ? view(row) : null;
}

/** Every staff member, by bureau (in code-list order) and name. */
export async function listStaffMemberViews(em: EntityManager): Promise<StaffMemberView[]> {
  const rows = await em.execute<Row[]>(
    `${VIEW_SELECT} order by array_position(array['SAPPORO','SENDAI','TOKYO','NAGOYA','OSAKA','HIROSHIMA','TAKAMATSU','FUKUOKA','YOKOHAMA','KOBE','NAHA']::varchar[], bureau), name, login_id`,
  );
  return rows.map(view);
}
