import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The advisory lock key migrations hold (any fixed number that nothing else uses). */
const MIGRATION_LOCK = 7_462_019_311;

/** Where `migration:create` writes new migration files. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface CreateOrmOptions {
  /** Log every SQL statement. */
  debug?: boolean;
  /** Max pool size (default 10). */
  poolMax?: number;
  /** Extra MikroORM options, merged last. */
  overrides?: Partial<Options>;
}

export type Orm = MikroORM;

/** A MikroORM instance for PostgreSQL at `url`, with every entity listed explicitly (no discovery). */
export function createOrm(url: string, opts: CreateOrmOptions = {}): Promise<Orm> {
  return MikroORM.init({
    clientUrl: url,
    entities: ENTITIES,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      path: MIGRATIONS_DIR,
      migrationsList: MIGRATIONS,
      // A snapshot file would be written into src/migrations on every `up`; diff against the DB instead.
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
      emit: 'ts',
    },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    debug: opts.debug ?? false,
    ...opts.overrides,
  });
}

/** Applies every pending migration; returns the names applied. */
export async function migrateUp(orm: Orm): Promise<string[]> {
  // Processes starting together on one database take turns: the first applies, the rest find nothing to do.
  const lock = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases the lock
  }
}

/** Applies every pending migration to the database at `url` with an ORM of its own; returns the names applied. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const orm = await createOrm(url);
  try {
    return await migrateUp(orm);
  } finally {
    await orm.close(true);
  }
}
