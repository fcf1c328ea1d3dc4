import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Client types and typed documents, generated from the committed contract (schema.graphql) and the client's
 * operations. Output is committed; CI regenerates it and fails on any difference (`npm run check:generated`).
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  // Operations live in .ts files (client/src/lib/graphql/operations.ts), never inline in components.
  documents: ['client/src/**/*.ts', '!client/src/lib/graphql/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/lib/graphql/generated/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        strictScalars: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
