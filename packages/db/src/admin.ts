import pg from 'pg';

/** The same server url pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Creates the url's database when it does not exist (through the server's `postgres` database). Returns true if created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  try {
    await withClient(url, async () => {});
    return false;
  } catch (error) {
    if (pgCode(error) !== '3D000') throw error; // invalid_catalog_name: the database does not exist
  }
  return createDatabase(withDatabase(url, 'postgres'), databaseName(url));
}

/** CREATE DATABASE; false when it already exists. `template` clones another database (fast test databases). */
export async function createDatabase(adminUrl: string, name: string, opts: { template?: string } = {}): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const template = opts.template ? ` TEMPLATE ${client.escapeIdentifier(opts.template)}` : '';
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${template}`);
      return true;
    } catch (error) {
      if (pgCode(error) === '42P04') return false; // duplicate_database: someone else created it
      throw error;
    }
  });
}

/** Drops a database, disconnecting its sessions (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
}
