export { startApp, type App, type StartOptions } from './app';
export { createContextInner, type Context } from './context';
export type { Services } from './services';
export { loadConfig, type Config } from './config';
export { createLogger } from './logger';
export { firstRunNotice } from './auth/first-run';
