import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** Schema-driven tests (api.md "Schema-driven tests"), shared by the applicant and the staff surface. */
export type RootName = 'Query' | 'Mutation';

export function rootFields(schema: GraphQLSchema, root: RootName): GraphQLField<unknown, unknown>[] {
  const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values((type as GraphQLObjectType).getFields());
}

/** A value of the type that passes GraphQL validation (the service may still reject it). */
export function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) out[f.name] = sampleValue(f.type);
    return out;
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isScalarType(type)) return { String: '13', ID: '1', Int: 1, Float: 1, Boolean: false }[type.name] ?? '13';
  throw new Error(`no sample for ${String(type)}`);
}

/** One operation that calls `field` with sample arguments and selects just enough. */
export function operationFor(root: RootName, field: GraphQLField<unknown, unknown>) {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    defs.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = sampleValue(arg.type);
  }
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${root === 'Query' ? 'query' : 'mutation'}${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${
    args.length ? `(${args.join(', ')})` : ''
  }${selection} }`;
  return { query, variables };
}
