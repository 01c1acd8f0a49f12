import { createHash } from 'node:crypto';
import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { changedKeys, LONG_POLLS_HELD, longPoll } from '../../support/long-poll';
import { metricValue, waitForMetric } from '../../support/metrics';
import { removeDir, startServer, type RunningServer } from '../../support/server';

const baseUrl = inject('baseUrl');
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

async function publish(dataId: string, content: string, url = baseUrl): Promise<void> {
  const res = await nacosForm(url, 'POST', '/nacos/v1/cs/configs', {
    dataId,
    group: 'DEFAULT_GROUP',
    content,
  });
  expect(res.text).toBe('true');
}

describe('Nacos long polling', () => {
  // A server with the default hold times (at least 10 s, at most 60 s). Its polls ask for 60 s: one
  // that should be answered at once but is held outlasts the test's 30 s timeout, so "at once" is
  // shown without timing it (the bench measures how fast).
  let defaults: RunningServer;
  beforeAll(async () => {
    defaults = await startServer();
  }, 60_000);
  afterAll(async () => {
    await defaults.stop();
    removeDir(defaults.dataDir);
  });

  it('should answer at once when a listed md5 is stale, naming only the stale entries', async () => {
    const fresh = uniqueId('fresh');
    const stale = uniqueId('stale');
    await publish(fresh, 'a', defaults.baseUrl);
    await publish(stale, 'b', defaults.baseUrl);
    const answer = await longPoll(
      defaults.baseUrl,
      [
        { dataId: fresh, group: 'DEFAULT_GROUP', md5: md5('a') },
        { dataId: stale, group: 'DEFAULT_GROUP', md5: md5('old') },
        { dataId: uniqueId('absent'), group: 'DEFAULT_GROUP', md5: '' },
      ],
      { timeoutMs: 60_000 },
    );
    expect(answer.status).toBe(200);
    expect(changedKeys(answer)).toEqual([`${stale}/DEFAULT_GROUP`]);
  });

  it('should answer empty at once with No-Hangup, and after the hold time without it', async () => {
    const dataId = uniqueId('quiet');
    await publish(dataId, 'q', defaults.baseUrl);
    const noHangup = await longPoll(
      defaults.baseUrl,
      [{ dataId, group: 'DEFAULT_GROUP', md5: md5('q') }],
      {
        timeoutMs: 60_000,
        noHangup: true,
      },
    );
    expect(noHangup).toMatchObject({ status: 200, body: '' });
    // The shared e2e server holds 300–1000 ms; the client asked for 1000 ms → held 500 ms. The
    // lower bound is the hold itself (an early answer is wrong), not a speed.
    await publish(dataId, 'q');
    const held = await longPoll(baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5: md5('q') }], {
      timeoutMs: 1_000,
    });
    expect(held).toMatchObject({ status: 200, body: '' });
    expect(held.elapsedMs).toBeGreaterThanOrEqual(450);
  });

  it('should answer 1,000 waiting listeners with the change of one publish', async () => {
    // Default hold times: every listener waits until the publish; one held to its end would answer
    // empty, long after the test's timeout.
    const fanoutUrl = defaults.baseUrl;
    const dataId = uniqueId('fanout');
    const tenantNs = 'public';
    expect(
      (
        await nacosForm(fanoutUrl, 'POST', '/nacos/v1/cs/configs', {
          dataId,
          group: 'DEFAULT_GROUP',
          content: 'before',
        })
      ).text,
    ).toBe('true');
    const before = await metricValue(fanoutUrl, LONG_POLLS_HELD);
    const polls = Array.from({ length: 1_000 }, (_, i) =>
      longPoll(
        fanoutUrl,
        [
          {
            dataId,
            group: 'DEFAULT_GROUP',
            md5: md5('before'),
            ...(i % 2 ? { tenant: tenantNs } : {}),
          },
        ],
        { timeoutMs: 30_000 },
      ),
    );
    await waitForMetric(fanoutUrl, LONG_POLLS_HELD, (held) => held >= before + 1_000, 15_000);
    expect(
      (
        await nacosForm(fanoutUrl, 'POST', '/nacos/v1/cs/configs', {
          dataId,
          group: 'DEFAULT_GROUP',
          content: 'after',
        })
      ).text,
    ).toBe('true');
    const answers = await Promise.all(polls);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(
      answers.filter(
        (a, i) =>
          changedKeys(a)[0] ===
          (i % 2 ? `${dataId}/DEFAULT_GROUP/${tenantNs}` : `${dataId}/DEFAULT_GROUP`),
      ),
    ).toHaveLength(1_000);
  }, 60_000);

  it('should list who listens with which md5, through Nacos and our own API', async () => {
    const dataId = uniqueId('who');
    await publish(dataId, 'v1');
    await longPoll(baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5: md5('v1') }], {
      noHangup: true,
      timeoutMs: 30_000,
      localAddress: '127.0.0.21',
    });
    await longPoll(baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5: md5('v0') }], {
      timeoutMs: 30_000,
      localAddress: '127.0.0.22',
    });
    const nacos = (
      await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs/listener', {
        dataId,
        group: 'DEFAULT_GROUP',
      })
    ).json();
    expect(nacos).toEqual({
      collectStatus: 200,
      lisentersGroupkeyStatus: { '127.0.0.21': md5('v1'), '127.0.0.22': md5('v0') },
    });
    const ours = await call(baseUrl, E.listListeners, {
      params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId },
    });
    expect(ours.body.map((l) => [l.clientIp, l.transport, l.upToDate]).sort()).toEqual([
      ['127.0.0.21', 'long-poll', true],
      ['127.0.0.22', 'long-poll', false],
    ]);
  });
});
