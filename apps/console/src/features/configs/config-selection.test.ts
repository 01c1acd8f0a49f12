import { describe, expect, it } from 'vitest';
import { configRowKey, exportSelection, parseRowKey } from './config-selection';

describe('config selection', () => {
  it('should make and parse row keys', () => {
    expect(configRowKey({ group: 'G', dataId: 'a:b.yaml' })).toBe('G/a:b.yaml');
    expect(parseRowKey('G/a:b.yaml')).toEqual({ group: 'G', dataId: 'a:b.yaml' });
  });

  it('should export a selection of one group as group plus data IDs', () => {
    expect(exportSelection(['G/a', 'G/b'])).toEqual({ group: 'G', dataIds: 'a,b' });
  });

  it('should not offer one export for a selection across groups or an empty one', () => {
    expect(exportSelection(['G/a', 'H/b'])).toBeUndefined();
    expect(exportSelection([])).toBeUndefined();
  });
});
