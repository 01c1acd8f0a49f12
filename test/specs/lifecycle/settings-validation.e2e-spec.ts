import { describe, expect, it } from 'vitest';
import { runServerToExit } from '../../support/server';

describe('start-up with bad settings', () => {
  it('should exit non-zero with one message naming every bad variable and its rule', async () => {
    const { code, output } = await runServerToExit({ PORT: 'abc', DB_TYPE: 'oracle' });
    expect(code).not.toBe(0);
    expect(output).toContain('PORT="abc": must be an integer from 0 to 65535');
    expect(output).toContain('DB_TYPE="oracle": must be one of sqlite, postgres, mysql');
    expect(output.match(/Invalid settings/g)).toHaveLength(1);
  });

  it('should never print a secret value', async () => {
    const { code, output } = await runServerToExit({ DB_TYPE: 'postgres', DB_URL: 'not a url with s3cret', DB_SCHEMA: '1bad' });
    expect(code).not.toBe(0);
    expect(output).toContain('DB_SCHEMA="1bad"');
    expect(output).toContain('DB_URL=<hidden>: must be a postgres:// or mysql:// URL');
    expect(output).not.toContain('s3cret');
  });
});
