import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * A validation rule: an operation whose type the schema does not have (this API has no subscriptions) is a malformed
 * request, refused before execution like any other. graphql-js's own rules let it through, and execution then fails
 * with an error that has no code — which error masking would answer as a system error (WZBAM098E) and log as one.
 */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: [node] }));
    },
  };
}
