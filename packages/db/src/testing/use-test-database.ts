import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Orm } from '../orm';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface FileTestDatabase {
  /** A pool on the file's database. */
  readonly pool: pg.Pool;
  /** A new fork of the ORM's EntityManager, as a request would get (safe to destructure). */
  readonly em: () => EntityManager;
}

/**
 * For a vitest file of the db package: a fresh migrated database and its ORM, created before the
 * file's tests and dropped after them. Use its members inside tests and hooks, not at module load.
 */
export function useTestDatabase(): FileTestDatabase {
  let db: TestDatabase | undefined;
  let orm: Orm | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await db.orm();
  });
  afterAll(() => db?.drop());
  const ready = () => {
    if (!db || !orm) throw new Error('useTestDatabase: the database exists only inside tests and hooks');
    return { db, orm };
  };
  return {
    get pool() {
      return ready().db.pool;
    },
    em: () => ready().orm.em.fork(),
  };
}
