import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { ApplicantDetailType } from '../applicant-admin/applicant-admin.types.js';
import type { ApplicantDetailView } from '../applicant-admin/applicant-view.js';
import { staffCoe } from './coe-staff.resolver.js';
import { StaffCoeType } from './coe-staff.types.js';
import { coesOfAuthId } from './coe-view.js';

/**
 * The COEs on the staff's applicant detail (docs/spec/staff.md "Applicant accounts"): a field the COE feature adds
 * to the applicant-admin type, so neither module reads the other's tables. Reached only through `applicant` or an
 * action's answer, whose root rules already passed; the read itself is audited there (APPLICANT_VIEWED).
 */
@Resolver(() => ApplicantDetailType)
export class ApplicantCoesResolver {
  @FieldResolver(() => [StaffCoeType], { description: "The applicant's COEs, newest first, without their history (read one with `coe`)." })
  async coes(@Root() applicant: ApplicantDetailView, @Ctx() ctx: StaffContext): Promise<StaffCoeType[]> {
    const coes = await coesOfAuthId(ctx.shared, applicant.authId, ctx.clock.now());
    return coes.map((coe) => staffCoe(ctx.config, coe));
  }
}
