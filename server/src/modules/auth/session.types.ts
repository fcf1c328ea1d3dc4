import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'The session of the request, as this answer leaves it. Asking is activity like every authenticated request: the idle deadline slides to now + the idle limit (capped by the absolute lifetime).',
})
export class Session {
  @Field(() => Date, { description: 'when the session ends without further activity: the idle deadline, capped by the absolute lifetime' })
  expiresAt!: Date;

  @Field(() => Int, {
    description:
      'seconds from this answer to expiresAt, rounded up: a client counts down from it on its own clock, whatever time that clock shows',
  })
  expiresInSeconds!: number;
}
