import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Client types and typed documents, generated from the committed contracts and the client's operations: the applicant
 * pages' against schema.graphql, the staff console's (client/src/lib/staff/graphql/operations.ts) against
 * staff.schema.graphql, each into its own folder. Output is committed; CI regenerates it and fails on any difference
 * (`npm run check:generated`).
 */
const typeConfig = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: 'string' },
  strictScalars: true,
};

const config: CodegenConfig = {
  ignoreNoDocuments: true,
  generates: {
    'client/src/lib/graphql/generated/': {
      schema: 'schema.graphql',
      // Operations live in .ts files (client/src/lib/graphql/operations.ts), never inline in components.
      documents: ['client/src/**/*.ts', '!client/src/lib/graphql/generated/**', '!client/src/lib/staff/**'],
      preset: 'client',
      config: typeConfig,
      presetConfig: { fragmentMasking: false },
    },
    // The staff console (staff.md "Staff console"): its own schema, so an applicant page can never name a staff field.
    'client/src/lib/staff/graphql/generated/': {
      schema: 'staff.schema.graphql',
      documents: ['client/src/lib/staff/**/*.ts', '!client/src/lib/staff/graphql/generated/**'],
      preset: 'client',
      config: typeConfig,
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
