export interface HealthView {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'failed'>;
}

export const OPS_PATHS = {
  live: '/health/live',
  ready: '/health/ready',
  metrics: '/metrics',
  apiDocs: '/api/docs',
  apiDocsJson: '/api/docs-json',
} as const;
