import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from '../modules/account/account.resolver.js';
import { AuthResolver, LoginSuccessResolver } from '../modules/auth/auth.resolver.js';
import { SessionResolver } from '../modules/auth/session.resolver.js';
import { PasswordResolver } from '../modules/password/password.resolver.js';
import { ReferenceResolver } from '../modules/reference/reference.resolver.js';
import { RegistrationResolver } from '../modules/registration/registration.resolver.js';
import { RateLimitedError, rateLimitedError } from '../errors/graphql-errors.js';
import type { Context } from './context.js';
import { rootPermissions } from './permissions.js';

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

/** The schema as published in schema.graphql (no permissions applied). */
export async function buildContractSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [AccountResolver, AuthResolver, LoginSuccessResolver, PasswordResolver, ReferenceResolver, RegistrationResolver, SessionResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The executable schema: the contract with the permission map and the service-error mapping on the root fields. */
export async function buildExecutableSchema(): Promise<GraphQLSchema> {
  return guardSchema(await buildContractSchema());
}

/** Permissions outermost (a denied field never runs its resolver); the error mapping right around the resolvers. */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, rootPermissions(schema), { Query: mapServiceErrors, Mutation: mapServiceErrors });
}
