import type { ConfigKey, ConfigType } from '@switchboard/shared';

// A config head as the in-memory index holds it (content included: reads never touch the
// database). Replaced on every change, never mutated.
export interface ConfigRecord {
  readonly key: ConfigKey;
  readonly content: string;
  readonly md5: string;
  readonly sizeBytes: number;
  readonly type: ConfigType;
  readonly appName: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly schema: string | null;
  readonly version: number;
  readonly deleted: boolean;
  readonly createdAtMs: number;
  readonly createdBy: string;
  readonly updatedAtMs: number;
  readonly updatedBy: string;
}
