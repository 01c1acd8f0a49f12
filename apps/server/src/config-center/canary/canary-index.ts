import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { configKeyString } from '../domain/config-keys';
import type { CanaryRecord } from './domain/canary-record';

// Every active canary, in memory: each config read asks whether its key has one.
@Injectable()
export class CanaryIndex {
  private readonly byKey = new Map<string, CanaryRecord>();

  get(key: ConfigKey): CanaryRecord | undefined {
    return this.byKey.size === 0 ? undefined : this.byKey.get(configKeyString(key));
  }

  // The same by configKeyString(key), for a caller that has it already.
  getById(id: string): CanaryRecord | undefined {
    return this.byKey.size === 0 ? undefined : this.byKey.get(id);
  }

  put(record: CanaryRecord): void {
    this.byKey.set(configKeyString(record.key), record);
  }

  remove(key: ConfigKey): void {
    this.byKey.delete(configKeyString(key));
  }

  all(): IterableIterator<CanaryRecord> {
    return this.byKey.values();
  }

  of(namespaceId: string): CanaryRecord[] {
    return [...this.byKey.values()].filter((c) => c.key.namespaceId === namespaceId);
  }

  get size(): number {
    return this.byKey.size;
  }
}
