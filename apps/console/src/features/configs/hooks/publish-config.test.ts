import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/api-error';
import { configView } from '../test-fixtures';
import { publishOrConflict } from './publish-config';

const key = { namespaceId: 'dev', group: 'DEFAULT_GROUP', dataId: 'app.yaml' };
const body = { content: 'a: 3\n', type: 'yaml' as const, expectedVersion: 1 };

describe('publishOrConflict', () => {
  it('should return the published config', async () => {
    const published = configView({ version: 2 });
    const api = { publishConfig: vi.fn(async () => published), getConfig: vi.fn() };
    await expect(publishOrConflict(api, key, body)).resolves.toEqual({ kind: 'published', config: published });
    expect(api.publishConfig).toHaveBeenCalledWith(key, body);
    expect(api.getConfig).not.toHaveBeenCalled();
  });

  it('should fetch the version now on the server when the publish meets a conflict', async () => {
    const latest = configView({ version: 3, updatedBy: 'alice' });
    const api = {
      publishConfig: vi.fn(async () => Promise.reject(new ApiError('CONFIG_CONFLICT', 409, 'changed'))),
      getConfig: vi.fn(async () => latest),
    };
    await expect(publishOrConflict(api, key, body)).resolves.toEqual({ kind: 'conflict', latest });
  });

  it('should throw other errors, and the conflict itself when the newer version cannot be read', async () => {
    const invalid = new ApiError('VALIDATION_FAILED', 400, 'bad');
    await expect(
      publishOrConflict({ publishConfig: () => Promise.reject(invalid), getConfig: vi.fn() }, key, body),
    ).rejects.toBe(invalid);
    const conflict = new ApiError('CONFIG_CONFLICT', 409, 'changed');
    await expect(
      publishOrConflict(
        { publishConfig: () => Promise.reject(conflict), getConfig: () => Promise.reject(new ApiError('CONFIG_NOT_FOUND', 404, 'gone')) },
        key,
        body,
      ),
    ).rejects.toBe(conflict);
  });
});
