import type { EntityManager } from '@mikro-orm/postgresql';
import { toDate } from '../../db/raw.js';
import type { UserAccount } from './user.entity.js';

/**
 * What the GraphQL `User` type resolves from: the account's readable fields, never its password hash. The ORM entity
 * is one (updateUser answers with it); the plain object the session lookup builds is another.
 */
export type UserView = Pick<
  UserAccount,
  'authId' | 'name' | 'sex' | 'birthDate' | 'residenceCode' | 'residenceAddress' | 'phone' | 'email' | 'userClass' | 'passwordChangedAt' | 'previousLoginAt'
>;

/**
 * The user columns the session lookup reads (table alias `u`), each prefixed `u_`. Read with the session on every
 * authenticated request, so the row becomes a plain object here rather than an ORM-managed entity: nothing changes
 * it, and mapping it through the unit of work cost a tenth of a `me` request (bench/api.ts).
 */
const COLUMNS = [
  'auth_id', 'name', 'sex', 'birth_date', 'residence_code', 'residence_address', 'phone', 'email', 'user_class',
  'password_changed_at', 'previous_login_at',
];
export const USER_VIEW_COLUMNS = COLUMNS.map((c) => `u.${c} as u_${c}`).join(', ');

/**
 * The same columns as one JSON object (keys `u_…`), for the session lookup: the driver describes and converts one
 * column instead of eleven on every authenticated request (measured: a few per cent of a `me` request's CPU).
 */
export const USER_VIEW_JSON = `json_build_object(${COLUMNS.map((c) => `'u_${c}', u.${c}`).join(', ')})`;

export function userViewFromRow(row: Record<string, unknown>): UserView {
  return {
    authId: row.u_auth_id as string,
    name: row.u_name as string,
    sex: row.u_sex as UserView['sex'],
    birthDate: row.u_birth_date as UserView['birthDate'],
    residenceCode: row.u_residence_code as string,
    residenceAddress: row.u_residence_address as string,
    phone: row.u_phone as string,
    email: row.u_email as string,
    userClass: row.u_user_class as UserView['userClass'],
    passwordChangedAt: toDate(row.u_password_changed_at),
    previousLoginAt: toDate(row.u_previous_login_at),
  };
}

/** The account as the `User` type shows it, read without the ORM's unit of work (nothing here changes it). */
export async function findUserView(em: EntityManager, userId: string): Promise<UserView | null> {
  const rows = await em.execute<Record<string, unknown>[]>(`select ${USER_VIEW_COLUMNS} from user_account u where u.id = ?`, [userId]);
  return rows[0] ? userViewFromRow(rows[0]) : null;
}
