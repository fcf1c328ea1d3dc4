import type { ServiceContext } from '../../graphql/context.js';
import type { AuditEventInput } from '../audit/audit-trail.js';

/** What the staff services need: a service context plus the request id that every audit event carries. */
export type StaffServiceContext = ServiceContext & { requestId: string | null };

/** The acting staff member as audit events record them. */
export interface StaffActor {
  id: string;
  bureau: string;
}

/** The fields every audit event of a staff request shares: who (and their bureau), from where, which request. */
export function auditBase(ctx: StaffServiceContext, actor: StaffActor | null): Pick<AuditEventInput, 'staffId' | 'bureau' | 'ip' | 'requestId'> {
  return { staffId: actor?.id ?? null, bureau: actor?.bureau ?? null, ip: ctx.ip, requestId: ctx.requestId };
}
