import path from 'node:path';
import { FieldCipher, loadKeyRing, RunSealer } from '@stepwise/db';
import type { Config } from './config';
import type { Logger } from './logger';

/**
 * The sealer for sensitive run fields, from STEPWISE_ENCRYPTION_KEYS / ENCRYPTION_KEY, or outside
 * production from a key generated on first start into DATA_DIR (only its path is logged).
 */
export async function openRunSealer(config: Config, log: Logger): Promise<RunSealer> {
  const keys = await loadKeyRing({
    spec: config.STEPWISE_ENCRYPTION_KEYS ?? config.ENCRYPTION_KEY,
    keyFile: path.join(config.DATA_DIR, 'encryption-key'),
    required: config.NODE_ENV === 'production',
  });
  if (keys.file?.created) {
    log.info({ file: keys.file.path }, `Generated the key that encrypts sensitive fields at rest in ${keys.file.path} (back it up; see README "Security")`);
  }
  return new RunSealer(new FieldCipher(keys.ring));
}
