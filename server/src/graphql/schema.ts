import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type MiddlewareFn } from 'type-graphql';
import { AccountResolver } from '../modules/account/account.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { PasswordResolver } from '../modules/password/password.resolver.js';
import { ReferenceResolver } from '../modules/reference/reference.resolver.js';
import { RegistrationResolver } from '../modules/registration/registration.resolver.js';
import { RateLimitedError, rateLimitedError } from '../errors/graphql-errors.js';
import type { Context } from './context.js';
import { permissions } from './permissions.js';

/** Service errors that have a top-level meaning become their GraphQL error here, in the request's language. */
const mapServiceErrors: MiddlewareFn<Context> = async ({ context }, next) => {
  try {
    return await next();
  } catch (err) {
    if (err instanceof RateLimitedError) throw rateLimitedError(context.locale, err.retryAfterSeconds);
    throw err;
  }
};

/** The schema as published in schema.graphql (no permissions applied). */
export async function buildContractSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [AccountResolver, AuthResolver, PasswordResolver, ReferenceResolver, RegistrationResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    globalMiddlewares: [mapServiceErrors],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The executable schema: the contract with the permission map applied to every field. */
export async function buildExecutableSchema(): Promise<GraphQLSchema> {
  const schema = await buildContractSchema();
  return applyMiddleware(schema, permissions(schema));
}

