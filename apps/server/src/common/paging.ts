import { PAGE_RULES, type FieldViolation } from '@switchboard/shared';
import { fieldViolation, validationFailed } from './errors/domain-error';

// The paging bounds every paged list checks, whatever the transport (PAGE_RULES).
export function checkPage(pageNo: number, pageSize: number, violations: FieldViolation[], maxPageSize: number = PAGE_RULES.maxPageSize): void {
  if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > PAGE_RULES.maxPageNo) {
    violations.push(fieldViolation('pageNo', 'range', `must be an integer from 1 to ${PAGE_RULES.maxPageNo}`));
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    violations.push(fieldViolation('pageSize', 'range', `must be an integer from 1 to ${maxPageSize}`));
  }
}

export function requireValidPage(pageNo: number, pageSize: number, maxPageSize?: number): void {
  const violations: FieldViolation[] = [];
  checkPage(pageNo, pageSize, violations, maxPageSize);
  if (violations.length) throw validationFailed(violations);
}
