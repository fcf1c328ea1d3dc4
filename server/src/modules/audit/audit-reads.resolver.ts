import { GraphQLError } from 'graphql';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { staffBadRequest } from '../../graphql/staff-error-types.js';
import { requireStaffSession } from '../../graphql/staff-guard.js';
import { staffErrorMessage } from '../../i18n/staff-error-messages.js';
import type { AuditChainStatus } from './audit-chain.js';
import { auditChainStatus, exportAuditCsv, listAuditEvents } from './audit-reads.service.js';
import { AuditChainStatusType, AuditEventConnection, AuditFilterInput } from './audit-reads.types.js';

/** Reading the audit trail (AUDITOR; auditEvents and the CSV also SUPERVISOR). Each read is itself recorded. */
@Resolver()
export class AuditReadsResolver {
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first; `first` ≤ 100 (default 50), `after` an endCursor.' })
  async auditEvents(
    @Arg('filter', () => AuditFilterInput) filter: AuditFilterInput,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: StaffContext,
  ): Promise<AuditEventConnection> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await listAuditEvents(ctx, staff, { filter, first, after });
    if (outcome.kind === 'invalid-input') throw staffBadRequest(outcome.issues, ctx.locale);
    const page = outcome.value;
    return Object.assign(new AuditEventConnection(), {
      edges: page.events.map((node) => ({ cursor: String(node.seq), node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    });
  }

  @Query(() => AuditChainStatusType, { description: 'Walks the whole chain now (verifyAuditChain) and names the first broken seq.' })
  async auditChainStatus(@Ctx() ctx: StaffContext): Promise<AuditChainStatus> {
    const { staff } = await requireStaffSession(ctx);
    return auditChainStatus(ctx, staff);
  }

  @Query(() => String, {
    description:
      'The CSV file of the events the filter selects, oldest first, as it is to be saved: UTF-8 with a BOM, CRLF, RFC 4180, ' +
      'formula-safe. At most 100,000 events (else BAD_REQUEST, reason AUDIT_EXPORT_TOO_LARGE).',
  })
  async auditEventsCsv(@Arg('filter', () => AuditFilterInput) filter: AuditFilterInput, @Ctx() ctx: StaffContext): Promise<string> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await exportAuditCsv(ctx, staff, filter);
    if (outcome.kind === 'invalid-input') throw staffBadRequest(outcome.issues, ctx.locale);
    if (outcome.kind === 'too-large') {
      throw new GraphQLError(staffErrorMessage('AUDIT_EXPORT_TOO_LARGE', ctx.locale), { extensions: { code: 'BAD_REQUEST', reason: 'AUDIT_EXPORT_TOO_LARGE' } });
    }
    return outcome.value;
  }
}
