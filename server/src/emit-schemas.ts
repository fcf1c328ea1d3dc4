import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { applicantContractSchema, staffContractSchema } from './composition.js';

function print(schema: GraphQLSchema, command: string): string {
  return `# Generated from the server code by \`${command}\`. Do not edit: CI fails when this drifts.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The published applicant contract (schema.graphql), sorted so that reordering code never shows up as a change. */
export async function printContract(): Promise<string> {
  return print(await applicantContractSchema(), 'npm run schema');
}

/** The published staff contract (staff.schema.graphql, `/staff/graphql`), sorted the same way. */
export async function printStaffContract(): Promise<string> {
  return print(await staffContractSchema(), 'npm run schema');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of [
    ['../../schema.graphql', await printContract()],
    ['../../staff.schema.graphql', await printStaffContract()],
  ] as const) {
    const out = new URL(file, import.meta.url);
    writeFileSync(out, text);
    console.log(`wrote ${out.pathname}`);
  }
}
