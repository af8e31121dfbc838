export * from './entities';
export { createOrm, migrateUp, MIGRATIONS_DIR, type CreateOrmOptions, type Orm } from './orm';
export { PgStore, type PgStoreOptions } from './pg-store';
export * from './encryption';
export {
  openDatabase,
  ping,
  embeddedUrl,
  DEFAULT_EMBEDDED_PORT,
  type OpenDatabaseOptions,
  type DatabaseHandle,
} from './database';
export { createDatabase, dropDatabase, ensureDatabase, withDatabase, databaseName } from './admin';
export { seed, orderCategories, type CategorySeed, type TemplateSeed, type SeedResult } from './seed';
export {
  saveDefinitionVersion,
  getDefinitionVersion,
  getLatestDefinition,
  type SaveDefinitionVersionInput,
} from './repositories/definitions';
// Test helpers (no test-framework imports): other workspaces' tests reuse them with
// globalSetup: ['<repo>/packages/db/src/testing/global-setup.ts'].
export {
  createTestDatabase,
  startTestCluster,
  TEST_DB_ENV,
  type CreateTestDatabaseOptions,
  type TestCluster,
  type TestDatabase,
} from './testing/test-database';
export { insertDefinition, insertUser } from './testing/fixtures';
export {
  createUser,
  findUserByEmail,
  findUserById,
  countUsers,
  setRole,
  setPasswordHash,
  normalizeEmail,
  EmailTakenError,
  type CreateUserInput,
} from './repositories/users';
export {
  createSession,
  findSession,
  touchSession,
  deleteSession,
  deleteUserSessions,
  sessionIdOf,
  createApiToken,
  findApiToken,
  touchApiToken,
  listApiTokens,
  revokeApiToken,
  API_TOKEN_PREFIX,
  lookupSessionUser,
  lookupTokenUser,
  type AuthLookup,
  type CreateSessionInput,
  type CreateApiTokenInput,
} from './repositories/auth';
export * from './repositories/ai';
export * from './repositories/workflows';
export * from './repositories/chats';
export * from './repositories/audit';
