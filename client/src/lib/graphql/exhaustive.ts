/** Makes a switch over a result union fail to compile when the schema gains a member the code does not handle. */
export function assertNever(value: never): never {
  throw new Error(`unhandled result: ${JSON.stringify(value)}`);
}
