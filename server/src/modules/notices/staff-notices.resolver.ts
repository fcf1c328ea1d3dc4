import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { InvalidStateError, staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { requireStaffSession } from '../../graphql/staff-guard.js';
import { listStaffNotices, type StaffNoticeView } from './notice-view.js';
import { saveNotice, withdrawNotice, type NoticeOutcome } from './notices.service.js';
import { NoticeInput, NoticeNotFoundError, NoticeResult, NoticeSaved, StaffNoticeType } from './notices.types.js';

function result(outcome: NoticeOutcome, ctx: StaffContext): typeof NoticeResult {
  switch (outcome.kind) {
    case 'invalid-input':
      return staffInputValidationError(outcome.issues, ctx.locale);
    case 'not-found':
      return staffErrorResult(NoticeNotFoundError, 'NOTICE_NOT_FOUND', ctx.locale);
    case 'invalid-state':
      return staffErrorResult(InvalidStateError, 'INVALID_STATE', ctx.locale);
    case 'saved':
      return Object.assign(new NoticeSaved(), { notice: outcome.notice });
  }
}

/** The notices editor (NOTICE_EDITOR; staff-permissions.ts). Every change is audited. */
@Resolver()
export class StaffNoticesResolver {
  @Query(() => [StaffNoticeType], { description: 'Every notice (drafts, scheduled, published, expired, withdrawn), newest first.' })
  async staffNotices(@Ctx() ctx: StaffContext): Promise<StaffNoticeView[]> {
    await requireStaffSession(ctx);
    return listStaffNotices(ctx.em, ctx.clock.now());
  }

  @Mutation(() => NoticeResult, { description: 'Creates (no id) or changes a notice; a withdrawn one cannot be changed.' })
  async saveNotice(@Arg('input', () => NoticeInput) input: NoticeInput, @Ctx() ctx: StaffContext): Promise<typeof NoticeResult> {
    const { staff } = await requireStaffSession(ctx);
    return result(await saveNotice(ctx, staff, input), ctx);
  }

  @Mutation(() => NoticeResult, { description: 'Takes a notice down at once and for good.' })
  async withdrawNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: StaffContext): Promise<typeof NoticeResult> {
    const { staff } = await requireStaffSession(ctx);
    return result(await withdrawNotice(ctx, staff, id), ctx);
  }
}
