export interface Page<TItem> {
  items: TItem[];
  total: number;
  pageNo: number; // 1-based
  pageSize: number;
}

export interface PageQuery {
  pageNo?: number; // 1-based, default 1
  pageSize?: number; // default 20
}

// Paging bounds of every paged list (REST and Nacos). pageNo is bounded too, so an offset
// (pageNo − 1) × pageSize stays a small integer wherever it reaches a database.
export const PAGE_RULES = {
  maxPageSize: 500,
  maxPageNo: 100_000,
  // Nacos service-name lists (/nacos/v1/ns/service/list, /nacos/v2/ns/service/list): Spring Cloud
  // Alibaba asks for Integer.MAX_VALUE names to list them all; names only, so any int is taken.
  maxNameListPageSize: 2_147_483_647,
} as const;

export const PAGE_RULE_TEXT = {
  pageNo: `an integer from 1 to ${PAGE_RULES.maxPageNo}`,
  pageSize: `an integer from 1 to ${PAGE_RULES.maxPageSize}`,
} as const;
