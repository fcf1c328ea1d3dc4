import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../lib/logger.js';
import type { Context } from './context.js';
import { topLevelMessage } from '../errors/graphql-errors.js';

/** Codes a client may see as they are; anything else is an unexpected failure and becomes WZBAM098E. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED', 'SESSION_EXPIRED', 'WZBAM099E', 'WZBAM250E', 'FORBIDDEN', 'RATE_LIMITED', 'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Apollo's formatError: no stack, SQL, constraint names or field suggestions leave the server (security.md 20), and
 * an invalid variable's value is never echoed, since it may be a password (security.md 21).
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (!PUBLIC_CODES.has(code)) {
    return { message: topLevelMessage('WZBAM098E', 'ja'), extensions: { code: 'WZBAM098E' } };
  }
  const message = redactLiteralValue(redactVariableValue(formatted.message)).replace(/ Did you mean [^?]*\?/g, '');
  const { code: _c, retryAfterSeconds, requestId, reason, fieldErrors } = formatted.extensions ?? {};
  const extensions: Record<string, unknown> = { code };
  if (retryAfterSeconds !== undefined) extensions.retryAfterSeconds = retryAfterSeconds;
  // the staff surface's refinements of FORBIDDEN and BAD_REQUEST (NETWORK, STAFF_LOGIN_EXPIRED, STAFF_LINK_INVALID)
  if (typeof reason === 'string') extensions.reason = reason;
  // a staff list query's bad filter (auditEvents): BAD_REQUEST with the field errors an InputValidationError would carry
  if (code === 'BAD_REQUEST' && Array.isArray(fieldErrors)) extensions.fieldErrors = fieldErrors;
  if (requestId !== undefined) extensions.requestId = requestId;
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}

/**
 * graphql-js puts the offending value into variable errors twice ("got invalid value X at "i.password"; String
 * cannot represent a non string value: X"). Only the variable and the path are kept.
 */
function redactVariableValue(message: string): string {
  const m = /^Variable "(\$[^"]+)" (?:got invalid value|of (?:required|non-null) type)[\s\S]*?(?: at "([^"]+)")?(?:;|\.|$)/.exec(message);
  if (!m || !message.startsWith('Variable "$')) return message;
  if (/^Variable "\$[^"]+" of required type "[^"]+" was not provided\.$/.test(message)) return message;
  return `Variable "${m[1]}" got an invalid value${m[2] ? ` at "${m[2]}"` : ''}.`;
}

/**
 * The same for values written into the document itself (`password: ["…"]`): graphql-js prints the literal into
 * validation errors ("String cannot represent a non string value: …", "Expected value of type "String!", found …")
 * and a string token into syntax errors ('Expected Name, found String "…"'). The type and the place stay; the
 * value goes.
 */
function redactLiteralValue(message: string): string {
  return message
    .replace(/^((?:Enum "\w+"|\w+) cannot represent [^:]*): [\s\S]*$/, '$1.')
    .replace(/^(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.')
    .replace(/^Value "[\s\S]*" does not exist in ("[^"]+" enum\.)$/, 'Value does not exist in $1')
    .replace(/^(Syntax Error: .*?\b(?:String|BlockString)) "[\s\S]*"\.$/, '$1.');
}

/**
 * Adds the request id to masked errors (so a user's reference number finds the log line) and logs the original
 * error there — formatError itself cannot see the request.
 */
export function errorLoggingPlugin(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const err of errors) {
            const code = String(err.extensions?.code ?? '');
            if (PUBLIC_CODES.has(code)) continue;
            log.error({ requestId: contextValue.requestId, err: { message: err.message, stack: err.originalError?.stack ?? err.stack } }, 'unexpected error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((e) => {
            if (e.extensions?.code !== 'WZBAM098E') return e;
            return {
              ...e,
              message: topLevelMessage('WZBAM098E', contextValue.locale),
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            };
          });
        },
      };
    },
  };
}
