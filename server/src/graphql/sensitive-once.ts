import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** Mutations that count toward throttles: each may appear at most once per request (security.md 8). */
export const SENSITIVE_MUTATIONS = new Set([
  'login', 'setPassword', 'requestPasswordReset', 'register', 'changePassword',
  // the staff surface's (staff.schema.graphql)
  'staffLogin', 'staffVerifyTotp', 'staffVerifyPasskey', 'enrolStaff',
]);

/**
 * A validation rule: a document that names a sensitive mutation twice (aliases, fragments, several operations) is
 * refused before anything runs, so one HTTP request cannot try many passwords.
 */
export function sensitiveMutationsOnce(context: ValidationContext): ASTVisitor {
  const seen = new Set<string>();
  return {
    Field(node) {
      if (context.getParentType()?.name !== 'Mutation') return;
      const name = node.name.value;
      if (!SENSITIVE_MUTATIONS.has(name)) return;
      if (seen.has(name)) {
        context.reportError(new GraphQLError(`"${name}" may appear only once per request.`, { nodes: [node] }));
      }
      seen.add(name);
    },
  };
}
