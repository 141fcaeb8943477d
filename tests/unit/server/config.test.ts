import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

describe('loadConfig', () => {
  it('serves on SQLite in ./data on port 8080 with nothing configured', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      hostToken: undefined,
      publicUrl: undefined,
      databaseUrl: undefined,
      logLevel: 'info',
    });
  });
  it('reads every variable and treats empty ones as unset', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      KANSOKU_DATA_DIR: '/var/lib/kansoku',
      KANSOKU_HOST_TOKEN: 'a-long-enough-token',
      KANSOKU_PUBLIC_URL: 'https://kansoku.example.com/',
      DATABASE_URL: 'postgres://u@db/kansoku',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      dataDir: '/var/lib/kansoku',
      publicUrl: 'https://kansoku.example.com',
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });
  it('believes X-Forwarded-For only when TRUST_PROXY says so (true = one proxy, or a count)', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: 0, loginMaxDelayMs: 30_000 });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'OFF' }).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(
      /TRUST_PROXY: must be true, false or a number of proxies/,
    );
  });
  it('takes an optional METRICS_TOKEN for scrapers (the host token opens /metrics without it)', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a-scrape-token-0123' }).metricsToken).toBe('a-scrape-token-0123');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });
  it('fails fast naming every variable at fault', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', KANSOKU_HOST_TOKEN: 'short', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /PORT: must be a port number[\s\S]*KANSOKU_HOST_TOKEN: must be at least 16 characters[\s\S]*DATABASE_URL: must be a postgres/,
    );
  });
});
