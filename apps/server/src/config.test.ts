import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to port 3000 and an embedded database', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toMatch(/\.data$/);
  });

  it('says which variable is wrong and why', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(/PORT: .*\n.*DATABASE_URL: /);
  });

  it('reads DATABASE_URL and numbers from the environment', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app', PORT: '8080', LEASE_MS: '2000' });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://u:p@db:5432/app', PORT: 8080, LEASE_MS: 2000 });
  });

  it('defaults the monitoring settings: alerts below 80% success over 24 h from 10 runs, above $100 of AI a day', () => {
    const config = loadConfig({});
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(config).toMatchObject({
      ALERT_SUCCESS_RATE: 0.8,
      ALERT_WINDOW_HOURS: 24,
      ALERT_MIN_RUNS: 10,
      AI_DAILY_COST_LIMIT_USD: 100,
      ALERT_CHECK_INTERVAL_MS: 60_000,
      METRICS_SWEEP_INTERVAL_MS: 300_000,
    });
  });

  it('reads the monitoring settings and refuses values that make no sense', () => {
    const config = loadConfig({
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      ALERT_SUCCESS_RATE: '0.95',
      ALERT_WINDOW_HOURS: '6',
      ALERT_MIN_RUNS: '3',
      AI_DAILY_COST_LIMIT_USD: '12.5',
      ALERT_CHECK_INTERVAL_MS: '5000',
    });
    expect(config).toMatchObject({ METRICS_TOKEN: 'a-long-enough-metrics-token', ALERT_SUCCESS_RATE: 0.95, ALERT_WINDOW_HOURS: 6, ALERT_MIN_RUNS: 3, AI_DAILY_COST_LIMIT_USD: 12.5, ALERT_CHECK_INTERVAL_MS: 5000 });
    expect(() => loadConfig({ ALERT_SUCCESS_RATE: '80' })).toThrow(/ALERT_SUCCESS_RATE/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => loadConfig({ AI_DAILY_COST_LIMIT_USD: '-1' })).toThrow(/AI_DAILY_COST_LIMIT_USD/);
    expect(() => loadConfig({ ALERT_MIN_RUNS: '0' })).toThrow(/ALERT_MIN_RUNS/);
  });
});
