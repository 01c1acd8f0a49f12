import { ConfigParseError, createClient, SwitchboardError, type SwitchboardClient } from '@switchboard/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniqueId } from '../../support/api';
import { freePort } from '../../support/server';
import { createUser } from '../../support/users';

const baseUrl = inject('baseUrl');
const token = inject('adminToken');

// The failure of a call, which must be a SwitchboardError.
async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SwitchboardError);
    return error as SwitchboardError;
  }
  throw new Error('the call succeeded');
}

describe('SwitchboardError', () => {
  const clients: SwitchboardClient[] = [];
  const newClient = (options: Partial<Parameters<typeof createClient>[0]> = {}) => {
    const client = createClient({ url: baseUrl, token, ...options });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  it('should carry VALIDATION_FAILED with violations naming the field when the input breaks a rule', async () => {
    const client = newClient();
    const badId = await failure(client.admin.configs.publishConfig({ params: { group: 'DEFAULT_GROUP', dataId: 'no spaces allowed' }, body: { content: 'x' } }));
    expect(badId).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, retryable: false });
    expect(badId.violations.map((v) => v.field)).toContain('dataId');
    expect(badId.requestId).toEqual(expect.any(String));

    const badJson = await failure(client.admin.configs.publishConfig({ params: { group: 'DEFAULT_GROUP', dataId: `${uniqueId('bad')}.json` }, body: { content: '{\n  "a": }', type: 'json' } }));
    expect(badJson.code).toBe('VALIDATION_FAILED');
    expect(badJson.violations).toEqual([expect.objectContaining({ field: 'content', rule: 'syntax', line: 2, column: 8 })]);
  });

  it('should carry CONFIG_CONFLICT when expectedVersion is stale', async () => {
    const client = newClient();
    const params = { group: 'DEFAULT_GROUP', dataId: `${uniqueId('conflict')}.txt` };
    await client.admin.configs.publishConfig({ params, body: { content: 'one', expectedVersion: 0 } });
    const conflict = await failure(client.admin.configs.publishConfig({ params, body: { content: 'two', expectedVersion: 0 } }));
    expect(conflict).toMatchObject({ code: 'CONFIG_CONFLICT', status: 409, retryable: false });
    expect((await client.config.get(params.group, params.dataId))?.content).toBe('one');
  });

  it('should carry UNAUTHENTICATED over HTTP and over the socket when the token is refused', async () => {
    const client = newClient({ token: 'not-a-token' });
    expect(await failure(client.config.get('DEFAULT_GROUP', 'any.txt'))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, retryable: false });
    expect(await failure(client.naming.register(uniqueId('refused'), { ip: '127.0.0.40', port: 1 }))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const watch = client.config.watch('DEFAULT_GROUP', 'any.txt', () => undefined);
    expect(await failure(watch.ready)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('should sign in again once when the socket handshake refuses a token and a password is known', async () => {
    const user = await createUser(baseUrl, token, [{ namespaceId: 'public', action: 'write' }]);
    const client = newClient({ token: 'expired-session', username: user.username, password: user.password });
    // The socket is the first to use the token: its handshake is refused, the client signs in.
    const dataId = `${uniqueId('relogin')}.txt`;
    expect(await client.config.watch('DEFAULT_GROUP', dataId, () => undefined).ready).toBeNull();
    expect((await client.naming.register(uniqueId('relogin'), { ip: '127.0.0.41', port: 1 })).ip).toBe('127.0.0.41');
  });

  it('should carry the code of a refused subscription with its REST status', async () => {
    const namespaceId = uniqueId('ns');
    await newClient().admin.namespaces.createNamespace({ body: { namespaceId, name: namespaceId } });
    const user = await createUser(baseUrl, token, [{ namespaceId: 'public', action: 'read' }]);
    const client = newClient({ token: user.token, namespace: namespaceId });
    const watch = client.config.watch('DEFAULT_GROUP', 'secret.txt', () => undefined);
    expect(await failure(watch.ready)).toMatchObject({ code: 'FORBIDDEN', status: 403, retryable: false });
  });

  it('should carry NETWORK_ERROR with status 0 when the server cannot be reached', async () => {
    const client = newClient({ url: `http://127.0.0.1:${await freePort()}` });
    const error = await failure(client.config.get('DEFAULT_GROUP', 'any.txt'));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, retryable: true });
    expect(await failure(client.naming.register('svc', { ip: '127.0.0.42', port: 1 }))).toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    expect(await failure(client.naming.pick('svc'))).toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    // A declared identity reads over the socket: the same failure.
    expect(await failure(newClient({ url: `http://127.0.0.1:${await freePort()}`, clientId: 'pod-1' }).config.get('DEFAULT_GROUP', 'any.txt'))).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
  });

  it('should throw ConfigParseError with the line and column when content does not parse as asked', async () => {
    const client = newClient();
    const params = { group: 'DEFAULT_GROUP', dataId: `${uniqueId('typed')}.txt` };
    await client.admin.configs.publishConfig({ params, body: { content: 'server:\n  port: 80\n\thosts: []\n', type: 'text' } });
    const error = await failure(client.config.getYaml(params.group, params.dataId));
    expect(error).toBeInstanceOf(ConfigParseError);
    expect(error).toMatchObject({ code: 'CONFIG_PARSE_ERROR', format: 'yaml', line: 3, column: 1 });
    expect(error.message).toContain(`${params.group}/${params.dataId}`);
  });
});
