/**
 * `npm run migration:create -- <name>`: writes migrations/Migration<UTC timestamp>_<name>.ts with an empty up() and
 * adds it to migrations/index.ts. Migrations here are written by hand (the constraints that concurrency rests on are
 * spelled out in SQL, docs/decisions.md), so no schema diff and no database are involved — which is also why the
 * project has no MikroORM CLI.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z][a-z0-9_]*$/.test(name)) {
  console.error('usage: npm run migration:create -- <name in snake_case, e.g. staff_accounts>');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '../..');
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const className = `Migration${stamp}_${name}`;
const file = path.join(root, 'migrations', `${className}.ts`);
if (existsSync(file)) throw new Error(`${file} exists`);

writeFileSync(
  file,
  `import { Migration } from '@mikro-orm/migrations';

/** TODO: what this migration is for. */
export class ${className} extends Migration {
  override async up(): Promise<void> {
    this.addSql(\`\`);
  }
}
`,
);

const indexFile = path.join(root, 'migrations', 'index.ts');
let index = readFileSync(indexFile, 'utf8');
const imports = [...index.matchAll(/^import .*$/gm)];
const lastImport = imports.at(-1)!;
const importAt = lastImport.index! + lastImport[0].length;
index = `${index.slice(0, importAt)}\nimport { ${className} } from './${className}.js';${index.slice(importAt)}`;
index = index.replace(/\n\];\s*$/, `\n  { name: '${className}', class: ${className} },\n];\n`);
writeFileSync(indexFile, index);
console.log(`wrote migrations/${className}.ts and listed it in migrations/index.ts`);
