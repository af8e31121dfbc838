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
});
