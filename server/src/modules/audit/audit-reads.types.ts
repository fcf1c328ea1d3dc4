import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/staff-pagination.js';

@InputType('AuditFilter', { description: 'Every field optional; all given must match.' })
export class AuditFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'from this instant on: YYYY-MM-DD (00:00 Japan time), YYYY-MM-DDTHH:MM[:SS] (Japan time) or ISO 8601 with Z/±HH:MM',
  })
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'before this instant; a date alone means to the end of that day in Japan' })
  to?: string | null;
  @Field(() => String, { nullable: true, description: "the acting staff member's id" }) staffId?: string | null;
  @Field(() => String, { nullable: true, description: 'one action, e.g. NOTICE_SAVED' }) action?: string | null;
  @Field(() => String, { nullable: true, description: 'exactly: a 認証ID, a staff id, a notice id' }) target?: string | null;
  @Field(() => String, { nullable: true }) requestId?: string | null;
}

@ObjectType('AuditEvent', { description: 'One event of the tamper-evident audit trail (staff.md "Audit trail").' })
export class AuditEventType {
  @Field(() => Int, { description: 'gap-free, from 1' }) seq!: number;
  @Field(() => Date) at!: Date;
  @Field(() => ID, { nullable: true, description: 'who (null: nobody logged in, e.g. a failed login, the bootstrap CLI, a job)' }) staffId!: string | null;
  @Field(() => String, { nullable: true, description: "the member's name now" }) staffName!: string | null;
  @Field(() => String, { nullable: true, description: 'their bureau at the time' }) bureau!: string | null;
  @Field(() => String) action!: string;
  @Field(() => String, { nullable: true }) target!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) receptionNumber!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field(() => String, { description: 'JSON (canonical: keys sorted, as hashed): before/after and facts' }) details!: string;
  @Field(() => String) prevHash!: string;
  @Field(() => String, { description: 'SHA-256 (hex) over the canonical JSON of the event with prevHash' }) hash!: string;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEventType) node!: AuditEventType;
}

@ObjectType('AuditEventConnection', { description: 'Newest first.' })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;

  @Field(() => [AuditEventType], { description: "the edges' nodes, as every staff connection has them" })
  get nodes(): AuditEventType[] {
    return this.edges.map((e) => e.node);
  }
}

@ObjectType('AuditChainStatus')
export class AuditChainStatusType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int, { description: 'events found intact (before the first break)' }) checkedEvents!: number;
  @Field(() => Int, { nullable: true, description: 'the first seq that breaks the chain; null when ok' }) firstBrokenSeq!: number | null;
}
