import { ERROR_CODES, type ConfigKey, type ConfigView, type PublishConfigRequest } from '@switchboard/shared';
import { isApiError } from '../../../api/api-error';

export type PublishOutcome = { kind: 'published'; config: ConfigView } | { kind: 'conflict'; latest: ConfigView };

export interface PublishApi {
  publishConfig: (key: ConfigKey, body: PublishConfigRequest) => Promise<ConfigView>;
  getConfig: (key: ConfigKey) => Promise<ConfigView>;
}

// Publishes with optimistic concurrency. When the server answers CONFIG_CONFLICT (someone
// published since `expectedVersion`), the version now there is fetched so the user can compare
// and re-apply; every other failure is thrown.
export async function publishOrConflict(api: PublishApi, key: ConfigKey, body: PublishConfigRequest): Promise<PublishOutcome> {
  try {
    return { kind: 'published', config: await api.publishConfig(key, body) };
  } catch (error) {
    if (!isApiError(error) || error.code !== ERROR_CODES.CONFIG_CONFLICT) throw error;
    let latest: ConfigView;
    try {
      latest = await api.getConfig(key);
    } catch {
      throw error; // e.g. deleted meanwhile: the conflict itself is the better explanation
    }
    return { kind: 'conflict', latest };
  }
}
