import { describe, expect, it } from 'vitest';
import { InvalidSettingsError, loadSettings } from './load-settings';

describe('loadSettings', () => {
  it('should apply every default when the environment is empty', () => {
    const settings = loadSettings({}, '/srv/app');
    expect(settings.http.port).toBe(8848);
    expect(settings.http.host).toBe('0.0.0.0');
    expect(settings.dataDir).toBe('/srv/app/data');
    expect(settings.db).toEqual({ type: 'sqlite', file: '/srv/app/data/switchboard.sqlite', busyTimeoutMs: 5000, synchronous: 'FULL' });
    expect(settings.log.level).toBe('info');
  });

  it('should name every bad variable with its rule in one error', () => {
    let error: unknown;
    try {
      loadSettings({ PORT: 'abc', DB_TYPE: 'oracle', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="abc": must be an integer from 0 to 65535');
    expect(message).toContain('DB_TYPE="oracle": must be one of sqlite, postgres, mysql');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect((error as InvalidSettingsError).problems).toHaveLength(3);
  });

  it('should require DB_URL for postgres and never print its value', () => {
    expect(() => loadSettings({ DB_TYPE: 'postgres' })).toThrow(/DB_URL: is required when DB_TYPE=postgres/);
    const settings = loadSettings({ DB_TYPE: 'postgres', DB_URL: 'postgres://u:secret@h/db', DB_SCHEMA: 's1' });
    expect(settings.db).toEqual({ type: 'postgres', url: 'postgres://u:secret@h/db', schema: 's1' });
  });

  it('should turn cluster mode on with REDIS_URL, only on a shared database and with a shared token secret', () => {
    const shared = { DB_TYPE: 'postgres', DB_URL: 'postgres://u@h/db', AUTH_TOKEN_SECRET: 's'.repeat(32) };
    expect(loadSettings(shared).cluster).toBeNull();
    expect(loadSettings({ ...shared, REDIS_URL: 'redis://:pw@127.0.0.1:6379/2', CLUSTER_NAME: 'prod-eu' }).cluster).toEqual({
      redisUrl: 'redis://:pw@127.0.0.1:6379/2',
      name: 'prod-eu',
      feedPollMs: 1000,
      feedRetentionMs: 86_400_000,
      lagWarnMs: 5000,
      withholdNotices: false,
    });
    expect(() => loadSettings({ REDIS_URL: 'redis://127.0.0.1:6379', AUTH_TOKEN_SECRET: 's'.repeat(32) })).toThrow(/REDIS_URL: cluster mode needs DB_TYPE=postgres or mysql/);
    expect(() => loadSettings({ ...shared, AUTH_TOKEN_SECRET: '', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/AUTH_TOKEN_SECRET: is required in cluster mode/);
    expect(loadSettings({ ...shared, AUTH_TOKEN_SECRET: '', AUTH_ENABLED: 'false', REDIS_URL: 'redis://127.0.0.1:6379' }).cluster).not.toBeNull();
    let message = '';
    try {
      loadSettings({ ...shared, REDIS_URL: 'http://:hunter2@redis', CLUSTER_NAME: 'a b' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('REDIS_URL=<hidden>: must be a redis:// or rediss:// URL');
    expect(message).toContain('CLUSTER_NAME="a b"');
    expect(message).not.toContain('hunter2');
  });

  it('should reject a port out of range and keep an absolute data directory', () => {
    expect(() => loadSettings({ PORT: '70000' })).toThrow(/PORT="70000"/);
    expect(loadSettings({ DATA_DIR: '/var/lib/sb' }).dataDir).toBe('/var/lib/sb');
  });
});
