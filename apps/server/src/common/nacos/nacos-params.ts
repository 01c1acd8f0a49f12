import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { fieldViolation, validationFailed } from '../errors/domain-error';

export type NacosParamMap = Record<string, string | undefined>;

// Nacos clients send parameters in the query string or as an urlencoded form, for every method;
// the form wins when both carry the same name (as in Spring's request parameters).
export const NacosParams = createParamDecorator((_data: unknown, ctx: ExecutionContext): NacosParamMap => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const merged: NacosParamMap = {};
  for (const source of [request.query, request.body]) {
    if (!source || typeof source !== 'object') continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      merged[key] = Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? undefined : String(value);
    }
  }
  return merged;
});

// A required Nacos parameter, named as Nacos names it in the error.
export function requiredParam(params: NacosParamMap, name: string): string {
  const value = params[name];
  if (value === undefined || value.trim() === '') {
    throw validationFailed([fieldViolation(name, 'required', 'is required')]);
  }
  return value;
}

export function optionalParam(params: NacosParamMap, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === '' ? undefined : value;
}

// Paging parameters of the Nacos config lists: absent or not a number gives the default, below 1
// gives 1 (as before); above the bounds the list itself refuses them, naming the limit (PAGE_RULES).
export function nacosPageNo(params: NacosParamMap, fallback = 1): number {
  return Math.max(1, Number(params.pageNo) || fallback);
}

export function nacosPageSize(params: NacosParamMap, fallback = 100): number {
  return Math.max(1, Number(params.pageSize) || fallback);
}
