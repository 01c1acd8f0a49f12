import { AUTH_ENDPOINTS, NAMING_ENDPOINTS } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { metricValue } from '../../support/metrics';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { bearer, createUser, type TestUser } from '../../support/users';

// The heartbeat is the registry's most frequent request, and the `nacos` npm client (like 1.x
// Java clients until told lightBeatEnabled) sends the whole `beat` JSON on every beat, with its
// credentials as username/password parameters. A beat of an instance the server knows is answered
// from memory (the hot path); a beat that must register the instance takes the full pipeline.
// Both must answer with the same bytes and have the same effects. A beat sent in a form body
// always takes the full pipeline, which gives the two paths the same request to compare; the
// server's count of hot answers tells which path answered.
const BEAT = '/nacos/v1/ns/instance/beat';
const HOT_BEATS = 'switchboard_http_hot_answers_total{method="PUT",route="/nacos/v1/ns/instance/beat"}';

// 0 until the first hot beat creates the series.
async function hotBeats(baseUrl: string): Promise<number> {
  const value = await metricValue(baseUrl, HOT_BEATS);
  return Number.isNaN(value) ? 0 : value;
}

// The JSON the npm client sends (nacos-naming's BeatInfo).
function beatJson(serviceName: string, ip: string, port: number, metadata: Record<string, string>): string {
  return JSON.stringify({ port, ip, weight: 1, serviceName: `DEFAULT_GROUP@@${serviceName}`, cluster: 'DEFAULT', metadata, scheduled: true });
}

describe('the full heartbeat on the hot path', () => {
  let server: RunningServer;
  let writer: TestUser;
  let reader: TestUser;
  let admin: string;

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: 'hot-beat-admin-pw' } });
    admin = (await call(server.baseUrl, AUTH_ENDPOINTS.login, { body: { username: 'admin', password: 'hot-beat-admin-pw' } })).body.accessToken;
    writer = await createUser(server.baseUrl, admin, [{ namespaceId: 'public', action: 'write' }]);
    reader = await createUser(server.baseUrl, admin, [{ namespaceId: 'public', action: 'read' }]);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  // As the npm client sends it: everything in the query, credentials as parameters. `inBody`: the
  // same parameters as a form (the full pipeline).
  const beat = (user: TestUser, params: Record<string, string>, inBody: boolean) =>
    nacosForm(server.baseUrl, 'PUT', BEAT, { ...params, namespaceId: 'public', username: user.username, password: user.password }, { inBody, anonymous: true });
  // The instances as stored (the Nacos list would report unhealthy ones healthy under the
  // protect threshold).
  const hostsOf = async (serviceName: string) => {
    const list = await call(server.baseUrl, NAMING_ENDPOINTS.listInstances, { params: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName }, headers: bearer(admin) });
    expect(list.status).toBe(200);
    return list.body.instances;
  };
  const answerOf = (res: { status: number; text: string; headers: Headers }) => ({
    status: res.status,
    body: res.text,
    headers: Object.fromEntries([...res.headers].filter(([name]) => !['date', 'x-request-id', 'connection', 'keep-alive'].includes(name))),
  });

  it('should answer a known instance’s full beat from memory with the bytes and effects of the full pipeline', async () => {
    const serviceName = uniqueId('hot-beat');
    // Two instances registered unhealthy: a beat makes its instance healthy again, on either path.
    for (const ip of ['10.41.0.1', '10.41.0.2']) {
      const registered = await nacosForm(server.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip, port: 80, healthy: 'false', metadata: '{"zone":"a"}', username: writer.username, password: writer.password }, { anonymous: true });
      expect(registered.text).toBe('ok');
    }
    expect((await hostsOf(serviceName)).map((h) => h.healthy)).toEqual([false, false]);

    const before = await hotBeats(server.baseUrl);
    const full = await beat(writer, { serviceName, beat: beatJson(serviceName, '10.41.0.1', 80, { zone: 'a' }) }, true);
    expect(await hotBeats(server.baseUrl)).toBe(before);
    const hot = await beat(writer, { serviceName, beat: beatJson(serviceName, '10.41.0.2', 80, { zone: 'a' }) }, false);
    expect(await hotBeats(server.baseUrl)).toBe(before + 1);

    expect(JSON.parse(full.text)).toEqual({ clientBeatInterval: 5000, code: 10200, lightBeatEnabled: true });
    expect(answerOf(hot)).toEqual(answerOf(full));
    expect((await hostsOf(serviceName)).map((h) => [h.ip, h.healthy, h.metadata.zone])).toEqual([
      ['10.41.0.1', true, 'a'],
      ['10.41.0.2', true, 'a'],
    ]);

    // A beat's description is not read again for a known instance, on either path: a changed
    // weight or metadata in the beat changes nothing (Nacos updates an instance by registering).
    const changed = await beat(writer, { serviceName, beat: beatJson(serviceName, '10.41.0.2', 80, { zone: 'b' }) }, false);
    expect(answerOf(changed)).toEqual(answerOf(full));
    expect(await hotBeats(server.baseUrl)).toBe(before + 2);
    expect((await hostsOf(serviceName)).map((h) => h.metadata.zone)).toEqual(['a', 'a']);
  });

  it('should leave a beat that must register its instance to the full pipeline, which registers it from the beat', async () => {
    const serviceName = uniqueId('hot-beat');
    const before = await hotBeats(server.baseUrl);
    const fromQuery = await beat(writer, { serviceName, beat: beatJson(serviceName, '10.41.1.1', 81, { zone: 'q' }) }, false);
    const fromBody = await beat(writer, { serviceName, beat: beatJson(serviceName, '10.41.1.2', 81, { zone: 'f' }) }, true);
    expect(await hotBeats(server.baseUrl)).toBe(before);
    expect(JSON.parse(fromQuery.text)).toEqual({ clientBeatInterval: 5000, code: 10200, lightBeatEnabled: true });
    expect(answerOf(fromQuery)).toEqual(answerOf(fromBody));
    expect((await hostsOf(serviceName)).map((h) => [h.ip, h.healthy, h.metadata.zone])).toEqual([
      ['10.41.1.1', true, 'q'],
      ['10.41.1.2', true, 'f'],
    ]);
    // Known now: the next beat of each is answered on the hot path.
    for (const ip of ['10.41.1.1', '10.41.1.2']) expect((await beat(writer, { serviceName, beat: beatJson(serviceName, ip, 81, { zone: 'q' }) }, false)).status).toBe(200);
    expect(await hotBeats(server.baseUrl)).toBe(before + 2);
  });

  it('should refuse and reject on both paths alike: missing rights, a malformed beat, a missing service name', async () => {
    const serviceName = uniqueId('hot-beat');
    await nacosForm(server.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.41.2.1', port: 80, username: writer.username, password: writer.password }, { anonymous: true });
    const known = beatJson(serviceName, '10.41.2.1', 80, {});
    // The writer's credentials are verified and remembered: its next beats may take the hot path.
    expect((await beat(writer, { serviceName, beat: known }, false)).status).toBe(200);
    expect((await beat(reader, { serviceName, beat: known }, false)).status).toBe(403);
    const before = await hotBeats(server.baseUrl);
    const cases: [TestUser, Record<string, string>, number][] = [
      [reader, { serviceName, beat: known }, 403],
      [writer, { serviceName, beat: '{"ip": "10.41.2.1", "port": 80' }, 400],
      [writer, { serviceName, beat: '"a string"' }, 400],
      [writer, { beat: known }, 400],
    ];
    for (const [user, params, status] of cases) {
      const inQuery = await beat(user, params, false);
      const inBody = await beat(user, params, true);
      expect(inQuery.status, JSON.stringify(params)).toBe(status);
      expect(answerOf(inQuery)).toEqual(answerOf(inBody));
    }
    expect(await hotBeats(server.baseUrl)).toBe(before);
  });
});
