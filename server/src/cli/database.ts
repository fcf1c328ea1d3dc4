import type { Config } from '../config.js';
import { startEmbeddedPostgres } from '../db/embedded.js';

/**
 * The database `npm start` would use, for the CLIs (`npm run staff`, `npm run audit`): MIGRATION_DATABASE_URL or
 * DATABASE_URL, else the embedded one under DATA_DIR (started here if npm start is not running).
 */
export async function openCliDatabase(config: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = config.migrationDatabaseUrl ?? config.databaseUrl;
  if (url) return { url, stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'portal' });
}
