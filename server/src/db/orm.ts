import { MikroORM, defineConfig, type EntitySchema } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../../migrations/index.js';

import { pgPoolOptions, type Pooler } from './pooler.js';

export { STATEMENT_TIMEOUT_MS } from './pooler.js';

/** `entities`: the composition root's list (server/src/composition.ts). */
export function ormConfig(clientUrl: string, entities: EntitySchema[], poolMax = 10, log?: (message: string) => void, pooler: Pooler = 'none') {
  return defineConfig({
    clientUrl,
    logger: (message) => log?.(message),
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    // MikroORM 7 hands driverOptions to pg's Pool as they are (v6 wanted them under `connection`).
    driverOptions: pgPoolOptions(pooler),
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
    },
    debug: false,
  });
}

export async function openOrm(
  clientUrl: string,
  entities: EntitySchema[],
  poolMax?: number,
  log?: (message: string) => void,
  pooler?: Pooler,
): Promise<MikroORM> {
  return MikroORM.init(ormConfig(clientUrl, entities, poolMax, log, pooler));
}

/**
 * Applies pending migrations; the product calls this on every start so a deploy needs no separate step. Consecutive
 * transactional migrations run together in one transaction (all or none of them, `allOrNothing`); a migration whose
 * `isTransactional()` is false (db/online-migration.ts: CREATE INDEX CONCURRENTLY cannot run in a transaction) runs
 * alone, in order between them, its steps committing one by one.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const pending = (await orm.migrator.getPending()).map((m) => m.name);
  const classes = new Map(migrationsOf(orm).map((m) => [m.name, m.class]));
  const online = (name: string) => classes.get(name)?.prototype.isTransactional() === false;
  const applied: string[] = [];
  const run = async (names: string[]) => {
    if (names.length) applied.push(...(await orm.migrator.up({ migrations: names })).map((m) => m.name));
  };
  let group: string[] = [];
  for (const name of pending) {
    if (!online(name)) {
      group.push(name);
      continue;
    }
    await run(group);
    group = [];
    await run([name]);
  }
  await run(group);
  return applied;
}

type MigrationClass = { prototype: { isTransactional(): boolean } };
function migrationsOf(orm: MikroORM): { name: string; class: MigrationClass }[] {
  return (orm.config.get('migrations').migrationsList ?? []) as { name: string; class: MigrationClass }[];
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}
