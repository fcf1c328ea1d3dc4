import { Field, ObjectType } from 'type-graphql';

/**
 * Cursor pagination of the staff lists (staff.md "API": `first` ≤ 100, `after` a cursor): the page's last cursor and
 * whether another page follows. One type for every connection of the staff schema.
 */
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "the last item's cursor: pass it as `after` for the next page" }) endCursor!: string | null;
}
