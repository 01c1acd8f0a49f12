import 'reflect-metadata';
import { expect, it } from 'vitest';
import { DatabaseWriter } from '../../database/database-writer';
import { describeOnEachDatabase } from '../../database/testing/test-databases';
import type { Actor } from '../../identity/actor';
import { CanaryRepository } from './canary.repository';
import type { CanaryRecord } from './domain/canary-record';
import { ConfigCanaryEntity, ConfigCanaryEventEntity } from './domain/canary.entities';

const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'canary-配置.yaml' };
const startedAt = Date.parse('2026-07-08T09:10:11.012Z');
const alice: Actor = { user: 'alice', sourceIp: '10.0.0.1' };

const canary: CanaryRecord = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  key,
  revision: 1,
  baseVersion: 3,
  candidate: { content: 'a: ü', md5: 'c'.repeat(32), type: 'yaml', sizeBytes: 5 },
  target: { ips: ['10.0.0.9'], tags: ['blue'], weight: 10 },
  plan: { steps: [{ weight: 10, bakeMs: 60_000 }, { weight: 50, bakeMs: 60_000 }], guard: { groupName: 'DEFAULT_GROUP', serviceName: 'orders', maxUnhealthyPercent: 20 } },
  step: 0,
  stepStartedAtMs: startedAt,
  received: [],
  startedAtMs: startedAt,
  startedBy: 'alice',
  updatedAtMs: startedAt,
  updatedBy: 'alice',
};

describeOnEachDatabase('CanaryRepository', [ConfigCanaryEntity, ConfigCanaryEventEntity], (db) => {
  const repository = () => new CanaryRepository(db.dataSource, new DatabaseWriter(db.dataSource));

  it('should store a canary with its log entry and read it back as the same record', async () => {
    const canaries = repository();
    await canaries.commit(canaries.changeWork(canary, key, { canary, action: 'started', actor: alice, reason: null, at: new Date(startedAt) }));
    expect(await canaries.find(key)).toEqual(canary);
    expect(await canaries.findAll()).toEqual([canary]);
    // Who received the candidate changes without a log entry.
    const received: CanaryRecord = { ...canary, received: ['10.0.0.9:8080'] };
    await canaries.commit(canaries.changeWork(received, key, null));
    expect((await canaries.find(key))?.received).toEqual(['10.0.0.9:8080']);
    expect((await canaries.listEvents(key, 1, 10)).total).toBe(1);
  });

  it('should end a canary by removing its row, and log who ended it and why', async () => {
    const canaries = repository();
    const ended: CanaryRecord = { ...canary, stepStartedAtMs: null, step: null, plan: null, updatedAtMs: startedAt + 1000 };
    const carol: Actor = { user: 'anonymous', sourceIp: '10.0.0.2', declaredAuthor: 'carol' };
    await canaries.commit(canaries.changeWork(null, key, { canary: ended, action: 'aborted', actor: carol, reason: 'r'.repeat(600), at: new Date(ended.updatedAtMs) }));
    expect(await canaries.find(key)).toBeNull();
    const { items, total } = await canaries.listEvents(key, 1, 10);
    expect(total).toBe(2);
    expect(items.map((e) => [e.action, e.actor, e.sourceIp, e.canaryId, e.step, e.candidateMd5])).toEqual([
      ['aborted', 'carol', '10.0.0.2', canary.id, null, canary.candidate.md5],
      ['started', 'alice', '10.0.0.1', canary.id, 0, canary.candidate.md5],
    ]);
    expect(items[0].reason).toBe('r'.repeat(512));
    expect(items[0].at).toEqual(new Date(startedAt + 1000));
  });
});
