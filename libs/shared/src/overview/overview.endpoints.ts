import { defineEndpoint } from '../common/endpoint';
import type { OverviewView } from './overview.types';

export const OVERVIEW_ENDPOINTS = {
  getOverview: defineEndpoint<void, void, void, OverviewView>('GET', '/api/v1/overview'),
} as const;
