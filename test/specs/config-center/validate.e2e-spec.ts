import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');

// The editor's dry run: the checks of a publish, nothing written.
describe('validating config content without publishing', () => {
  it('should report syntax errors with line and column, schema violations per path, and write nothing', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('check')}.yaml` };
    const broken = await call(baseUrl, E.validateConfig, { params: key, body: { content: 'a: 1\nb: [1, 2\n', type: 'yaml' } });
    expect(broken.status).toBe(200);
    expect(broken.body.valid).toBe(false);
    expect(broken.body.violations[0]).toMatchObject({ field: 'content', rule: 'syntax', line: expect.any(Number), column: expect.any(Number) });
    expect(broken.body.violations[0].line).toBeGreaterThanOrEqual(2);
    expect((await call(baseUrl, E.getConfig, { params: key })).status).toBe(404);

    const schema = JSON.stringify({ type: 'object', properties: { port: { type: 'integer' } }, required: ['port'] });
    const violating = await call(baseUrl, E.validateConfig, { params: key, body: { content: 'port: "eighty"\n', type: 'yaml', schema } });
    expect(violating.body).toEqual({ valid: false, violations: [expect.objectContaining({ field: 'content/port', rule: 'schema' })] });

    // Without a schema in the request, the config's attached schema applies.
    await call(baseUrl, E.publishConfig, { params: key, body: { content: 'port: 80\n', type: 'yaml', schema } });
    expect((await call(baseUrl, E.validateConfig, { params: key, body: { content: 'other: 1\n', type: 'yaml' } })).body.valid).toBe(false);
    expect((await call(baseUrl, E.validateConfig, { params: key, body: { content: 'port: 81\n', type: 'yaml' } })).body).toEqual({ valid: true, violations: [] });

    const badType = await call(baseUrl, E.validateConfig, { params: key, body: { content: 'x', type: 'ini' as never } });
    expect(badType.status).toBe(400);
    expect(badType.body.message).toMatch(/type/);
  });
});
