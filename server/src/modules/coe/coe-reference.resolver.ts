import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { NATIONALITIES, STATUSES_OF_RESIDENCE } from './coe-reference.js';
import { NationalityType, StatusOfResidenceType } from './coe.types.js';

@ObjectType('CoeReferenceData', { description: 'The lists a COE’s fields are chosen from (server/data/coe/), ja and en names.' })
export class CoeReferenceData {
  @Field(() => [NationalityType], { description: 'ISO 3166-1 alpha-3 codes (Japan excluded), in the files’ order' }) nationalities!: NationalityType[];
  @Field(() => [StatusOfResidenceType], { description: 'the statuses of residence a COE is issued for' }) statusesOfResidence!: StatusOfResidenceType[];
}

/**
 * The reference data of the staff console's COE forms (docs/spec/coe.md "Staff API"): the client never reads the
 * server's files itself. Open to any staff session (STAFF_ACCESS 'session'); nothing in it is personal.
 */
@Resolver()
export class CoeReferenceResolver {
  @Query(() => CoeReferenceData, { description: 'The nationality and status-of-residence lists of the COE forms. Any staff session.' })
  coeReferenceData(): CoeReferenceData {
    return Object.assign(new CoeReferenceData(), {
      nationalities: [...NATIONALITIES.values()],
      statusesOfResidence: [...STATUSES_OF_RESIDENCE.values()],
    });
  }
}
