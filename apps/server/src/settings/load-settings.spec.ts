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

  it('should reject a port out of range and keep an absolute data directory', () => {
    expect(() => loadSettings({ PORT: '70000' })).toThrow(/PORT="70000"/);
    expect(loadSettings({ DATA_DIR: '/var/lib/sb' }).dataDir).toBe('/var/lib/sb');
  });
});
