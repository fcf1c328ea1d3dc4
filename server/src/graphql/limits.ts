import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Context } from './context.js';

/**
 * Limits checked before anything executes (security.md 19). graphql-armor's validation rules bound depth, aliases,
 * directives and cost; its depth limit also covers introspection (`ignoreIntrospection: false`), so a 30-level
 * `__schema … ofType` query is refused while the standard introspection query (depth 21 as armor counts it,
 * fragments included) that partners' tools send still works; the product's own operations are at most 6 deep. Armor's own token limit throws from a plugin hook, which Apollo answers with HTTP 500; graphql-js's
 * parser limit (`parseOptions.maxTokens`) is used instead and answers 400.
 */
export const LIMITS = { maxDepth: 22, maxAliases: 15, maxDirectives: 20, maxCost: 5000, maxTokens: 3000 } as const;

export function queryLimits() {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: false },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    costLimit: { maxCost: LIMITS.maxCost },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor is typed against Apollo's CommonJS build, this project loads the ESM one: the same plugin objects.
  return { plugins: plugins as unknown as ApolloServerPlugin<Context>[], validationRules, parseOptions: { maxTokens: LIMITS.maxTokens } };
}
