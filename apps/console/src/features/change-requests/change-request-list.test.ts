import { describe, expect, it } from 'vitest';
import { liveFromSnapshot, liveWithEvent, mergeLive } from './change-request-list';
import { summaryView } from './test-fixtures';

const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('mergeLive', () => {
  it('should add a request an event tells of when it matches the filter', () => {
    const live = liveWithEvent(liveFromSnapshot([]), summaryView({ id: 'new', updatedAt: '2026-01-02T00:00:00.000Z' }));
    expect(ids(mergeLive([summaryView({ id: 'old' })], live, 'open'))).toEqual(['new', 'old']);
  });

  it('should drop a request whose transition leaves the filtered state', () => {
    const live = liveWithEvent(liveFromSnapshot([]), summaryView({ id: 'a', state: 'applied', revision: 3 }));
    expect(ids(mergeLive([summaryView({ id: 'a', revision: 2 })], live, 'open'))).toEqual([]);
    expect(mergeLive([summaryView({ id: 'a', revision: 2 })], live, 'all')[0].state).toBe('applied');
  });

  it('should not let an older summary replace a newer one', () => {
    const live = liveWithEvent(liveFromSnapshot([]), summaryView({ id: 'a', title: 'old', revision: 1 }));
    expect(mergeLive([summaryView({ id: 'a', title: 'new', revision: 2 })], live, 'open')[0].title).toBe('new');
    expect(liveWithEvent(live, summaryView({ id: 'a', revision: 0 }))).toBe(live);
  });

  it('should refresh loaded rows from a snapshot without adding rows the page did not load', () => {
    const live = liveFromSnapshot([summaryView({ id: 'a', revision: 2, title: 'renamed' }), summaryView({ id: 'b' })]);
    const merged = mergeLive([summaryView({ id: 'a', revision: 1 })], live, 'open');
    expect(ids(merged)).toEqual(['a']);
    expect(merged[0].title).toBe('renamed');
  });
});
