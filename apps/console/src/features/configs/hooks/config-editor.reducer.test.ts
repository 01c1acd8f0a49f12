import { describe, expect, it } from 'vitest';
import { configView } from '../test-fixtures';
import {
  configEditorReducer as reduce,
  expectedVersion,
  initialEditorState,
  isDirty,
  type ConfigEditorState,
} from './config-editor.reducer';

const v1 = configView({ version: 1, content: 'a: 1\n' });
const v2 = configView({ version: 2, content: 'a: 2\n', updatedBy: 'alice' });
const loaded = initialEditorState(v1);
const edited = reduce(loaded, { type: 'edited', content: 'a: 10\n' });

describe('configEditorReducer', () => {
  it('should start clean from the loaded version and expect it when publishing', () => {
    expect(isDirty(loaded)).toBe(false);
    expect(expectedVersion(loaded)).toBe(1);
    expect(isDirty(edited)).toBe(true);
  });

  it('should expect version 0 and be dirty only with content when the config is new', () => {
    const fresh = initialEditorState(undefined, 'json');
    expect(fresh).toMatchObject({ type: 'json', draft: '' });
    expect(expectedVersion(fresh)).toBe(0);
    expect(isDirty(fresh)).toBe(false);
    expect(isDirty(reduce(fresh, { type: 'edited', content: '{}' }))).toBe(true);
  });

  it('should count a changed type as an unsaved edit', () => {
    expect(isDirty(reduce(loaded, { type: 'typeChanged', configType: 'json' }))).toBe(true);
  });

  it('should just show a version published elsewhere when there are no unsaved edits', () => {
    const next = reduce(loaded, { type: 'remotePublished', config: v2 });
    expect(next).toMatchObject({ base: v2, draft: 'a: 2\n', latest: undefined });
  });

  it('should keep the edits and offer the newer version when there are unsaved edits', () => {
    const next = reduce(edited, { type: 'remotePublished', config: v2 });
    expect(next).toMatchObject({ base: v1, draft: 'a: 10\n', latest: v2 });
    expect(expectedVersion(next)).toBe(1);
  });

  it('should ignore an event for the version already shown or an older one', () => {
    expect(reduce(loaded, { type: 'remotePublished', config: v1 })).toBe(loaded);
    const atV2 = reduce(loaded, { type: 'published', config: v2 });
    expect(reduce(atV2, { type: 'remotePublished', config: v1 })).toBe(atV2);
  });

  it('should adopt our own publish when its event arrives before its answer', () => {
    const mine = configView({ version: 2, content: 'a: 10\n' });
    const next = reduce(edited, { type: 'remotePublished', config: mine });
    expect(next).toMatchObject({ base: mine, latest: undefined });
    expect(isDirty(next)).toBe(false);
  });

  it('should keep the edits on top of a change of attributes only', () => {
    const tagged = configView({ version: 2, content: v1.content, tags: ['x'] });
    const next = reduce(edited, { type: 'remotePublished', config: tagged });
    expect(next).toMatchObject({ base: tagged, draft: 'a: 10\n', latest: undefined });
  });

  it('should replace the edits with the published content after our own publish or rollback', () => {
    const rolledBack = configView({ version: 3, content: 'a: 0\n' });
    expect(reduce(edited, { type: 'published', config: rolledBack })).toMatchObject({ base: rolledBack, draft: 'a: 0\n' });
  });

  describe('when a publish meets a conflict', () => {
    const conflicted = reduce(edited, { type: 'conflicted', latest: v2 });

    it('should remember the newer version and flag the conflict', () => {
      expect(conflicted).toMatchObject({ conflict: true, latest: v2, draft: 'a: 10\n' });
    });

    it('should re-apply the edits on top of the newer version', () => {
      const rebased: ConfigEditorState = reduce(conflicted, { type: 'rebase' });
      expect(rebased).toMatchObject({ conflict: false, base: v2, draft: 'a: 10\n', latest: undefined });
      expect(expectedVersion(rebased)).toBe(2);
      expect(isDirty(rebased)).toBe(true);
    });

    it('should drop the edits and continue from the newer version', () => {
      const taken = reduce(conflicted, { type: 'takeLatest' });
      expect(taken).toMatchObject({ conflict: false, base: v2, draft: 'a: 2\n' });
    });

    it('should keep everything but close the conflict when dismissed', () => {
      expect(reduce(conflicted, { type: 'conflictDismissed' })).toMatchObject({ conflict: false, latest: v2, draft: 'a: 10\n' });
    });

    it('should base a new config on the existing one when it was created meanwhile', () => {
      const fresh = reduce(initialEditorState(undefined), { type: 'edited', content: 'b: 1\n' });
      const rebased = reduce(reduce(fresh, { type: 'conflicted', latest: v1 }), { type: 'rebase' });
      expect(expectedVersion(rebased)).toBe(1);
      expect(rebased.draft).toBe('b: 1\n');
    });
  });

  it('should flag a delete made elsewhere and clear it when the config is published again', () => {
    const deleted = reduce(loaded, { type: 'remoteDeleted', version: 2 });
    expect(deleted.deletedVersion).toBe(2);
    expect(expectedVersion(deleted)).toBe(0); // publishing re-creates it
    const back = reduce(deleted, { type: 'remotePublished', config: configView({ version: 3, content: 'c: 1\n' }) });
    expect(back).toMatchObject({ deletedVersion: undefined, draft: 'c: 1\n' });
  });

  it('should not go back to an older version when a slow load arrives after a live event', () => {
    const live = reduce(initialEditorState(), { type: 'remotePublished', config: v2 });
    expect(reduce(live, { type: 'loaded', config: v1 })).toBe(live);
    expect(reduce(live, { type: 'loaded', config: v2 }).base).toBe(v2);
    const other = configView({ dataId: 'other.yaml', version: 1 });
    expect(reduce(live, { type: 'loaded', config: other }).base).toBe(other);
  });

  it('should go back to the base content when the edits are discarded', () => {
    expect(isDirty(reduce(edited, { type: 'discard' }))).toBe(false);
  });
});
