import { describe, expect, it } from 'vitest';
import {
  EMPTY_SEARCH,
  isSearching,
  listLocationFromParams,
  listLocationToParams,
  toListQuery,
  type ConfigListLocation,
} from './config-search';

const at = (overrides: Partial<ConfigListLocation['search']>, pageNo = 1, pageSize = 20): ConfigListLocation => ({
  search: { ...EMPTY_SEARCH, ...overrides },
  pageNo,
  pageSize,
});

describe('toListQuery', () => {
  it('should send only the filled terms, trimmed, and no mode when exact', () => {
    expect(toListQuery(at({ dataId: ' app.yaml ', group: '' }))).toEqual({
      dataId: 'app.yaml',
      group: undefined,
      appName: undefined,
      tags: undefined,
      mode: undefined,
      pageNo: 1,
      pageSize: 20,
    });
  });

  it('should match a fuzzy term without "*" anywhere and keep a term with "*" as written', () => {
    const query = toListQuery(at({ dataId: 'order', group: 'DEV_*', mode: 'blur' }, 3, 50));
    expect(query).toMatchObject({ dataId: '*order*', group: 'DEV_*', mode: 'blur', pageNo: 3, pageSize: 50 });
  });

  it('should join distinct tags with commas', () => {
    expect(toListQuery(at({ tags: ['a', ' b ', 'a', ''] })).tags).toBe('a,b');
  });
});

describe('list location in the URL', () => {
  it('should read back what it wrote', () => {
    const location = at({ dataId: 'x', appName: 'shop', tags: ['t1', 't2'], mode: 'blur' }, 2, 50);
    const params = listLocationToParams(location);
    expect(params.toString()).toBe('dataId=x&appName=shop&tags=t1%2Ct2&mode=blur&page=2&size=50');
    expect(listLocationFromParams(params)).toEqual(location);
  });

  it('should leave defaults out of the URL', () => {
    expect(listLocationToParams(at({})).toString()).toBe('');
  });

  it('should fall back to defaults for nonsense in the URL', () => {
    expect(listLocationFromParams(new URLSearchParams('page=-1&size=7&mode=weird'))).toEqual(at({}));
  });
});

describe('isSearching', () => {
  it('should be false for blanks only', () => {
    expect(isSearching({ ...EMPTY_SEARCH, dataId: '  ', mode: 'blur' })).toBe(false);
    expect(isSearching({ ...EMPTY_SEARCH, tags: ['x'] })).toBe(true);
  });
});
