import type { ConfigView } from '@switchboard/shared';

// A config as the server presents it, for unit tests.
export function configView(overrides: Partial<ConfigView> = {}): ConfigView {
  return {
    namespaceId: 'dev',
    group: 'DEFAULT_GROUP',
    dataId: 'app.yaml',
    md5: 'md5',
    type: 'yaml',
    appName: '',
    description: '',
    tags: [],
    version: 1,
    sizeBytes: 10,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'admin',
    content: 'a: 1\n',
    schema: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'admin',
    ...overrides,
  };
}
