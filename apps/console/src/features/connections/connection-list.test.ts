import { describe, expect, it } from 'vitest';
import { agoMessage, countMessage, elapsedSince, filterConnections, labelEntries, sortConnections, splitLabels } from './connection-list';
import { connection } from './test-fixtures';

describe('sortConnections', () => {
  it('should order by address (numerically), then the oldest connection first', () => {
    const list = [
      connection('10.0.0.10'),
      connection('10.0.0.9', { connectionId: 'b', connectedAt: '2026-01-01T00:00:05.000Z' }),
      connection('10.0.0.9', { connectionId: 'a', connectedAt: '2026-01-01T00:00:01.000Z' }),
    ];
    expect(sortConnections(list).map((c) => `${c.clientIp}/${c.connectionId}`)).toEqual([
      '10.0.0.9/a',
      '10.0.0.9/b',
      `10.0.0.10/${list[0].connectionId}`,
    ]);
  });
});

describe('labelEntries', () => {
  it('should put the module first and the other labels by name', () => {
    expect(labelEntries({ source: 'sdk', app_team: 'orders', module: 'config', AppName: 'billing' })).toEqual([
      ['module', 'config'],
      ['app_team', 'orders'],
      ['AppName', 'billing'],
      ['source', 'sdk'],
    ]);
  });
});

describe('splitLabels', () => {
  it('should fold the labels every SDK sends alike', () => {
    expect(splitLabels({ source: 'sdk', module: 'config', AppName: 'billing', taskId: '0', 'tls.enable': 'false' })).toEqual({
      telling: [
        ['module', 'config'],
        ['AppName', 'billing'],
      ],
      routine: [
        ['source', 'sdk'],
        ['taskId', '0'],
        ['tls.enable', 'false'],
      ],
    });
  });
});

describe('filterConnections', () => {
  const list = [
    connection('10.0.0.1', {
      clientVersion: 'Nacos-Java-Client:v2.4.0',
      subscriptions: [{ namespaceId: 'dev', groupName: 'DEFAULT_GROUP', serviceName: 'orders', clusters: '' }],
    }),
    connection('10.0.0.2', {
      clientVersion: 'Nacos-Go-Client:v2.2.7',
      labels: { module: 'config', app_team: 'billing' },
      listenedConfigs: [{ namespaceId: 'dev', group: 'PAY', dataId: 'limits.yaml' }],
    }),
  ];
  const ips = (query: string) => filterConnections(list, query).map((c) => c.clientIp);

  it('should keep everything for an empty query', () => {
    expect(ips('  ')).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('should match addresses, versions, labels, services and configs, ignoring case', () => {
    expect(ips('10.0.0.2')).toEqual(['10.0.0.2']);
    expect(ips('go-client')).toEqual(['10.0.0.2']);
    expect(ips('app_team=billing')).toEqual(['10.0.0.2']);
    expect(ips('ORDERS')).toEqual(['10.0.0.1']);
    expect(ips('pay/limits')).toEqual(['10.0.0.2']);
    expect(ips('nothing-like-it')).toEqual([]);
  });
});

describe('elapsedSince', () => {
  it('should count on the server’s clock, moved on by the local time since the list arrived', () => {
    const receivedAt = 5_000_000; // any local clock: only its progress counts
    expect(elapsedSince('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:30.000Z', receivedAt, receivedAt)).toBe(30_000);
    expect(elapsedSince('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:30.000Z', receivedAt, receivedAt + 4_000)).toBe(34_000);
  });

  it('should never go below zero', () => {
    expect(elapsedSince('2026-01-01T00:00:10.000Z', '2026-01-01T00:00:00.000Z', 0, 0)).toBe(0);
  });
});

describe('agoMessage', () => {
  it('should pick the coarsest unit that still says something', () => {
    expect(agoMessage(-5)).toEqual({ key: 'connections.ago.seconds', count: 0 });
    expect(agoMessage(119_999)).toEqual({ key: 'connections.ago.seconds', count: 119 });
    expect(agoMessage(120_000)).toEqual({ key: 'connections.ago.minutes', count: 2 });
    expect(agoMessage(3 * 3_600_000)).toEqual({ key: 'connections.ago.hours', count: 3 });
    expect(agoMessage(72 * 3_600_000)).toEqual({ key: 'connections.ago.days', count: 3 });
  });
});

describe('countMessage', () => {
  it('should use the singular for exactly one', () => {
    expect(countMessage(1, 'connections.count.one', 'connections.count.other')).toBe('connections.count.one');
    expect(countMessage(0, 'connections.count.one', 'connections.count.other')).toBe('connections.count.other');
    expect(countMessage(2, 'connections.count.one', 'connections.count.other')).toBe('connections.count.other');
  });
});
