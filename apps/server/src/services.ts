import type { Orm, RunSealer } from '@stepwise/db';
import type { WorkflowEngine } from '@stepwise/engine';
import type { LanguageModel } from 'ai';
import type pg from 'pg';
import type { Config } from './config';
import type { Logger } from './logger';

/** What request handlers need; built once per process in app.ts. */
export interface Services {
  config: Config;
  log: Logger;
  orm: Orm;
  pool: pg.Pool;
  engine: WorkflowEngine;
  /** Opens sensitive fields of stored runs read without the engine (the execution timeline). */
  sealer: RunSealer;
  /** The configured language model (ai.generate, chat) and what the UI calls it; set by app.ts. */
  ai?: { model: LanguageModel; label: string; builtin: boolean };
}
