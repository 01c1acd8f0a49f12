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
