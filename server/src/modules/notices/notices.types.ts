import { createUnionType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { InvalidStateError, StaffErrorResult, StaffInputValidationError } from '../../graphql/staff-error-types.js';
import { BureauEnum } from '../staff/staff.types.js';
import type { Bureau } from '../staff/staff-roles.js';
import { NOTICE_STATES, type NoticeState } from './notice-view.js';

export const NoticeStateEnum = Object.fromEntries(NOTICE_STATES.map((s) => [s, s])) as { [K in NoticeState]: K };
registerEnumType(NoticeStateEnum, {
  name: 'NoticeState',
  description: 'Derived from the window and the clock: DRAFT (no publishFrom), SCHEDULED, PUBLISHED, EXPIRED (publishUntil passed), WITHDRAWN.',
});

@ObjectType('StaffRef', { description: 'A staff member named on a record (who created or changed it).' })
export class StaffRefType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => BureauEnum) bureau!: Bureau;
}

@ObjectType('StaffNotice', { description: 'お知らせ as the editor sees it: both languages, the window, the derived state.' })
export class StaffNoticeType {
  @Field(() => ID) id!: string;
  @Field(() => NoticeStateEnum) state!: NoticeState;
  @Field(() => String) titleJa!: string;
  @Field(() => String) bodyJa!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String) bodyEn!: string;
  @Field(() => Date, { nullable: true, description: 'shown from this instant; null: a draft' }) publishFrom!: Date | null;
  @Field(() => Date, { nullable: true, description: 'gone at this instant; null: open-ended' }) publishUntil!: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => String, { nullable: true, description: "the date the top page shows (YYYY-MM-DD, publishFrom's day in Japan)" })
  publishedOn!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => StaffRefType, { nullable: true, description: 'null for the notices that came with the system' }) createdBy!: StaffRefType | null;
  @Field(() => StaffRefType, { nullable: true }) updatedBy!: StaffRefType | null;
}

@InputType('NoticeInput')
export class NoticeInput {
  @Field(() => String, { nullable: true, description: 'absent: a new notice; else the notice to change' }) id?: string | null;
  @Field(() => String, { nullable: true, description: 'required, one line, ≤ 100 characters' }) titleJa?: string | null;
  @Field(() => String, { nullable: true, description: 'required, ≤ 4,000 characters, line breaks kept' }) bodyJa?: string | null;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { nullable: true }) bodyEn?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'empty: a draft. YYYY-MM-DD (00:00 Japan time), YYYY-MM-DDTHH:MM[:SS] (Japan time) or an ISO 8601 date-time with Z/±HH:MM',
  })
  publishFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'empty: open-ended; the same forms; after publishFrom' }) publishUntil?: string | null;
}

@ObjectType('NoticeSaved')
export class NoticeSaved {
  @Field(() => StaffNoticeType) notice!: StaffNoticeType;
}

@ObjectType('NoticeNotFoundError', { implements: StaffErrorResult, description: 'NOTICE_NOT_FOUND' })
export class NoticeNotFoundError extends StaffErrorResult {}

export const NoticeResult = createUnionType({
  name: 'NoticeResult',
  types: () => [NoticeSaved, StaffInputValidationError, NoticeNotFoundError, InvalidStateError] as const,
});
