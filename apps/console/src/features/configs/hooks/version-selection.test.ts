import { describe, expect, it } from 'vitest';
import { comparison, pickVersions } from './version-selection';

describe('pickVersions', () => {
  it('should keep up to two picks', () => {
    expect(pickVersions([], [3])).toEqual([3]);
    expect(pickVersions([3], [3, 1])).toEqual([3, 1]);
  });

  it('should drop the earlier pick when a third version is picked', () => {
    expect(pickVersions([3, 1], [3, 1, 2])).toEqual([1, 2]);
    expect(pickVersions([3, 1], [1, 2, 3])).toEqual([1, 2]);
  });

  it('should forget an unpicked version', () => {
    expect(pickVersions([3, 1], [1])).toEqual([1]);
  });
});

describe('comparison', () => {
  it('should put the older version first', () => {
    expect(comparison([5, 2])).toEqual({ from: 2, to: 5 });
    expect(comparison([2])).toBeUndefined();
  });
});
