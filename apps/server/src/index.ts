export { startApp, type App } from './app';
export { loadConfig, type Config } from './config';
export { createLogger } from './logger';
