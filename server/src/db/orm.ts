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

/** Applies pending migrations; the product calls this on every start so a deploy needs no separate step. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}
