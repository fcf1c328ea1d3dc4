import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction, type IMiddlewareTypeMap } from 'graphql-middleware';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { RateLimitedError, rateLimitedError } from '../errors/graphql-errors.js';
import type { Context } from './context.js';

/**
 * Service errors that have a top-level meaning become their GraphQL error here, in the request's language. Only the
 * root fields' resolvers call services.
 */
const mapServiceErrors: IMiddlewareFunction<unknown, Context> = async (resolve, parent, args, context, info) => {
  try {
    return await resolve(parent, args, context, info);
  } catch (err) {
    if (err instanceof RateLimitedError) throw rateLimitedError(context.locale, err.retryAfterSeconds);
    throw err;
  }
};

/** A surface's schema as published (no permissions applied), from the resolvers the composition root lists. */
export async function buildContractSchema(resolvers: readonly Function[]): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers] as unknown as NonEmptyArray<Function>,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  });
}

/**
 * The executable schema: the contract with its surface's permission map outermost (a denied field never runs its
 * resolver) and the service-error mapping right around the resolvers.
 */
export function guardSchema(schema: GraphQLSchema, permissions: IMiddlewareTypeMap): GraphQLSchema {
  return applyMiddleware(schema, permissions, { Query: mapServiceErrors, Mutation: mapServiceErrors });
}
