import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import type { ConfigRecord } from './domain/config-record';
import { configKeyString } from './domain/config-keys';

// Every config head in memory (tombstones included, for version continuity): config get,
// md5 compare, search and push snapshots are served from here.
@Injectable()
export class ConfigIndex {
  private readonly records = new Map<string, ConfigRecord>();
  private readonly byNamespace = new Map<string, Map<string, ConfigRecord>>();

  get(key: ConfigKey): ConfigRecord | undefined {
    return this.records.get(configKeyString(key));
  }

  // The live (not deleted) config, if any.
  live(key: ConfigKey): ConfigRecord | undefined {
    return this.liveById(configKeyString(key));
  }

  // The same by configKeyString(key), for a caller that has it already.
  liveById(id: string): ConfigRecord | undefined {
    const record = this.records.get(id);
    return record && !record.deleted ? record : undefined;
  }

  put(record: ConfigRecord): void {
    const id = configKeyString(record.key);
    this.records.set(id, record);
    let namespace = this.byNamespace.get(record.key.namespaceId);
    if (!namespace) this.byNamespace.set(record.key.namespaceId, (namespace = new Map()));
    namespace.set(id, record);
  }

  liveOf(namespaceId: string): ConfigRecord[] {
    const namespace = this.byNamespace.get(namespaceId);
    if (!namespace) return [];
    const result: ConfigRecord[] = [];
    for (const record of namespace.values()) if (!record.deleted) result.push(record);
    return result;
  }

  countLive(namespaceId: string): number {
    let count = 0;
    for (const record of this.byNamespace.get(namespaceId)?.values() ?? []) if (!record.deleted) count += 1;
    return count;
  }
}
