import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { clientAddress, readConfigFrom } from '../../support/canary';
import { changedKeys, longPoll, waitForHeldPolls } from '../../support/long-poll';
import { removeDir, startServer, type RunningServer } from '../../support/server';

const CLIENTS = Array.from({ length: 100 }, (_, i) => clientAddress(i));
const key = { namespaceId: 'public', group: 'ROLLOUT', dataId: 'weighted.properties' };
const stable = 'feature.checkout=v1\n';
const candidate = 'feature.checkout=v2\n';

// Which clients get the candidate, read over the Nacos API from each client's own address.
async function candidateClients(server: RunningServer): Promise<Set<string>> {
  const reads = await Promise.all(CLIENTS.map(async (ip) => [ip, await readConfigFrom(server.baseUrl, ip, key)] as const));
  for (const [, read] of reads) expect(read.status).toBe(200);
  for (const [, read] of reads) expect(read.content).toBe(read.isBeta ? candidate : stable);
  return new Set(reads.filter(([, read]) => read.isBeta).map(([ip]) => ip));
}

describe('a weighted canary', () => {
  let server: RunningServer;
  const dataDir = { path: '' };

  beforeAll(async () => {
    // Short long-poll holds, so the clients that must not be pushed come back on their own.
    server = await startServer({ env: { CONFIG_LONG_POLL_MAX_HOLD_MS: '3000' } });
    dataDir.path = server.dataDir;
    expect((await call(server.baseUrl, E.publishConfig, { params: key, body: { content: stable, type: 'properties' } })).status).toBe(200);
  });

  afterAll(async () => {
    await server?.stop();
    removeDir(dataDir.path);
  });

  it('should give 20–40 of 100 clients the candidate at weight 30, the same on every read and after a restart; widening keeps them', async () => {
    const started = await call(server.baseUrl, E.startCanary, { params: key, body: { content: candidate, target: { weight: 30 } } });
    expect(started.status).toBe(201);
    expect(started.body.target).toEqual({ ips: [], tags: [], weight: 30 });

    const first = await candidateClients(server);
    expect(first.size).toBeGreaterThanOrEqual(20);
    expect(first.size).toBeLessThanOrEqual(40);
    expect([...(await candidateClients(server))].sort()).toEqual([...first].sort());

    // An operator can ask what any client gets.
    const sample = [...first][0];
    const asClient = await call(server.baseUrl, E.getConfig, { params: key, query: { asClient: sample } });
    expect(asClient.body.content).toBe(candidate);
    expect(asClient.body.canary?.id).toBe(started.body.id);
    expect((await call(server.baseUrl, E.getConfig, { params: key })).body.content).toBe(stable);

    await server.kill();
    server = await startServer({ dataDir: dataDir.path, env: { CONFIG_LONG_POLL_MAX_HOLD_MS: '3000' } });
    expect((await call(server.baseUrl, E.getCanary, { params: key })).body.id).toBe(started.body.id);
    expect([...(await candidateClients(server))].sort()).toEqual([...first].sort());

    // Every client long-polls with the md5 of its own answer; widening to 60 must wake exactly
    // the clients that move to the candidate.
    const stableMd5 = (await call(server.baseUrl, E.getConfig, { params: key })).body.md5;
    const polls = CLIENTS.map((ip) => {
      const md5 = first.has(ip) ? started.body.candidate.md5 : stableMd5;
      return longPoll(server.baseUrl, [{ dataId: key.dataId, group: key.group, md5 }], { timeoutMs: 30_000, localAddress: ip }).then((answer) => ({ ip, answer }));
    });
    await waitForHeldPolls(server.baseUrl, CLIENTS.length); // widened only once every poll is held
    const widened = await call(server.baseUrl, E.updateCanary, { params: key, body: { target: { weight: 60 } } });
    expect(widened.status).toBe(200);
    expect(widened.body.revision).toBe(2);

    const second = await candidateClients(server);
    for (const ip of first) expect(second.has(ip)).toBe(true);
    expect(second.size).toBeGreaterThan(first.size);
    expect(second.size).toBeLessThanOrEqual(75);

    const answers = await Promise.all(polls);
    for (const { ip, answer } of answers) {
      const moved = second.has(ip) && !first.has(ip);
      if (moved) {
        expect(changedKeys(answer)).toEqual([`${key.dataId}/${key.group}`]); // pushed, not held to the end
      } else {
        expect(answer.body).toBe(''); // held to the end of the hold time: not pushed
      }
    }
    const movedAnswers = answers.filter(({ ip }) => second.has(ip) && !first.has(ip));
    expect(movedAnswers.length).toBe(second.size - first.size);
  }, 60_000);
});
