import { getOperationName, makeErrorResult, makeResult, stringifyDocument, type Exchange, type Operation, type OperationResult } from '@urql/core';
import { filter, fromPromise, merge, mergeMap, pipe, share, takeUntil } from 'wonka';

/**
 * How the server hands this client its API inside the process (the server's graphql/in-process.ts has the same
 * shape; the client does not import the server): one operation as text with the browser's headers, answered with
 * the body a client would read over HTTP — data and the masked errors.
 */
export type InProcessExecute = (request: {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  headers: Record<string, string>;
}) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;

function headersOf(operation: Operation): Record<string, string> {
  const options = operation.context.fetchOptions;
  const init = typeof options === 'function' ? options() : options;
  return (init?.headers ?? {}) as Record<string, string>;
}

async function run(execute: InProcessExecute, operation: Operation): Promise<OperationResult> {
  try {
    const body = await execute({
      query: stringifyDocument(operation.query),
      operationName: getOperationName(operation.query),
      variables: operation.variables as Record<string, unknown>,
      headers: headersOf(operation),
    });
    return makeResult(operation, body as Parameters<typeof makeResult>[1]);
  } catch (err) {
    return makeErrorResult(operation, err as Error);
  }
}

/**
 * urql's exchange for the API in this process, in place of its fetchExchange: queries and mutations go to `execute`
 * with the headers the client was given (`fetchOptions`), as fetchExchange would send them; a torn-down operation's
 * result is dropped. No HTTP request, no `Response`, no JSON round trip and no AbortController per operation —
 * together about a tenth of a server-rendered page's CPU (docs/performance.md).
 */
export function inProcessExchange(execute: InProcessExecute): Exchange {
  return ({ forward }) =>
    (operations$) => {
      const shared$ = share(operations$);
      const results$ = pipe(
        shared$,
        filter((op) => op.kind === 'query' || op.kind === 'mutation'),
        mergeMap((op) =>
          pipe(
            fromPromise(run(execute, op)),
            takeUntil(pipe(shared$, filter((other) => other.kind === 'teardown' && other.key === op.key))),
          ),
        ),
      );
      const others$ = pipe(
        shared$,
        filter((op) => op.kind !== 'query' && op.kind !== 'mutation'),
        forward,
      );
      return merge([results$, others$]);
    };
}
