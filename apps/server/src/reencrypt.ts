/**
 * After a key rotation (README "Security"): seals every stored value again with the current key.
 *   npm run reencrypt -w @stepwise/server
 * Reads the same environment as the server (DATABASE_URL or the embedded database in DATA_DIR).
 */
import path from 'node:path';
import { openDatabase, reencryptRuns } from '@stepwise/db';
import pg from 'pg';
import { loadConfig } from './config';
import { openRunSealer } from './encryption';
import { createLogger } from './logger';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pg') });
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
try {
  const sealer = await openRunSealer(config, log);
  const moved = await reencryptRuns(pool, sealer);
  log.info({ ...moved, key: sealer.cipher.keys.current.id }, `Re-encrypted ${moved.runs} runs, ${moved.stepAttempts} step attempts, ${moved.modelCalls} model calls and ${moved.chatMessages} chat messages with the current key`);
} catch (error) {
  log.fatal({ err: error instanceof Error ? error.message : String(error) }, 'Re-encryption stopped; rows written so far are sealed with the current key');
  process.exitCode = 1;
} finally {
  await pool.end();
  await database.stop();
}
