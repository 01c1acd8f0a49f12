import { describe, expect, it } from 'vitest';
import { configView } from '../test-fixtures';
import { liveAction, liveApply, liveInit } from './useConfigDocument';

const key = { namespaceId: 'dev', group: 'DEFAULT_GROUP', dataId: 'app.yaml' };
const at = '2026-01-01T00:00:00.000Z';

describe('live config topic', () => {
  it('should turn a snapshot and each publish into a remote version for the editor', () => {
    const v1 = configView({ version: 1 });
    const v2 = configView({ version: 2 });
    const seeded = liveInit({ config: v1 });
    expect(liveAction(seeded)).toEqual({ type: 'remotePublished', config: v1 });
    const next = liveApply(seeded, { name: 'config.published', payload: { key, config: v2, at } });
    expect(next.seq).toBe(1);
    expect(liveAction(next)).toEqual({ type: 'remotePublished', config: v2 });
  });

  it('should report a delete and do nothing for a config that does not exist', () => {
    expect(liveAction(liveInit({ config: null }))).toBeUndefined();
    const deleted = liveApply(liveInit({ config: null }), { name: 'config.deleted', payload: { key, version: 4, at } });
    expect(liveAction(deleted)).toEqual({ type: 'remoteDeleted', version: 4 });
  });

  it('should fetch the stable config instead of taking a canary candidate', () => {
    const candidate = configView({ version: 2, canary: { id: 'c1', revision: 1 } });
    expect(liveAction(liveInit({ config: candidate }))).toBe('fetch');
  });
});
