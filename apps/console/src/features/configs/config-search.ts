import type { ConfigSearchMode, ListConfigsQuery } from '@switchboard/shared';

export interface ConfigSearch {
  dataId: string;
  group: string;
  appName: string;
  tags: string[];
  mode: ConfigSearchMode;
}

export interface ConfigListLocation {
  search: ConfigSearch;
  pageNo: number;
  pageSize: number;
}

export const EMPTY_SEARCH: ConfigSearch = { dataId: '', group: '', appName: '', tags: [], mode: 'exact' };
export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [10, 20, 50, 100];

// The list's search lives in the URL (?dataId=&group=&appName=&tags=a,b&mode=blur&page=2), so a
// search can be shared and survives going to a config and back.
export function listLocationFromParams(params: URLSearchParams): ConfigListLocation {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const positive = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const pageSize = positive('size', DEFAULT_PAGE_SIZE);
  return {
    search: {
      dataId: text('dataId'),
      group: text('group'),
      appName: text('appName'),
      tags: splitTags(text('tags')),
      mode: params.get('mode') === 'blur' ? 'blur' : 'exact',
    },
    pageNo: positive('page', 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function listLocationToParams({ search, pageNo, pageSize }: ConfigListLocation): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['dataId', 'group', 'appName'] as const) {
    const value = search[name].trim();
    if (value) params.set(name, value);
  }
  const tags = cleanTags(search.tags);
  if (tags.length) params.set('tags', tags.join(','));
  if (search.mode === 'blur') params.set('mode', 'blur');
  if (pageNo > 1) params.set('page', String(pageNo));
  if (pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(pageSize));
  return params;
}

// The server's query. In fuzzy mode a term without "*" matches anywhere (as in Nacos's
// console): "order" becomes "*order*"; a term with "*" is sent as written.
export function toListQuery({ search, pageNo, pageSize }: ConfigListLocation): ListConfigsQuery {
  const term = (value: string) => {
    const trimmed = value.trim();
    if (!trimmed) return undefined;
    return search.mode === 'blur' && !trimmed.includes('*') ? `*${trimmed}*` : trimmed;
  };
  const tags = cleanTags(search.tags);
  return {
    dataId: term(search.dataId),
    group: term(search.group),
    appName: term(search.appName),
    tags: tags.length ? tags.join(',') : undefined,
    mode: search.mode === 'blur' ? 'blur' : undefined,
    pageNo,
    pageSize,
  };
}

export function isSearching(search: ConfigSearch): boolean {
  return !!(search.dataId.trim() || search.group.trim() || search.appName.trim() || cleanTags(search.tags).length);
}

function splitTags(text: string): string[] {
  return cleanTags(text.split(','));
}

function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}
