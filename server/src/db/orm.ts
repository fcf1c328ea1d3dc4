import { MikroORM, defineConfig, type EntitySchema } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../../migrations/index.js';

/** Bounds every statement so a stuck query fails cleanly (WZBAM098E) instead of holding a connection forever. */
export const STATEMENT_TIMEOUT_MS = 10_000;

/** `entities`: the composition root's list (server/src/composition.ts). */
export function ormConfig(clientUrl: string, entities: EntitySchema[], poolMax = 10, log?: (message: string) => void) {
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
    driverOptions: { statement_timeout: STATEMENT_TIMEOUT_MS },
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

export async function openOrm(clientUrl: string, entities: EntitySchema[], poolMax?: number, log?: (message: string) => void): Promise<MikroORM> {
  return MikroORM.init(ormConfig(clientUrl, entities, poolMax, log));
}

/** Applies pending migrations; the product calls this on every start so a deploy needs no separate step. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}
