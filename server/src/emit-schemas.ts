import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { applicantContractSchema } from './composition.js';

/** The published applicant contract (schema.graphql), sorted so that reordering code never shows up as a change. */
export async function printContract(): Promise<string> {
  const schema = await applicantContractSchema();
  return `# Generated from the server code by \`npm run schema\`. Do not edit: CI fails when this drifts.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = new URL('../../schema.graphql', import.meta.url);
  writeFileSync(out, await printContract());
  console.log(`wrote ${out.pathname}`);
}
