import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { NamingRegistry } from '../naming/naming-registry';
import { CanaryIndex } from './canary/canary-index';
import type { CanaryRecord, ConfigClient } from './canary/domain/canary-record';
import { matchesTarget } from './canary/domain/canary-targeting';
import { ConfigIndex } from './config-index';
import { configKeyString } from './domain/config-keys';
import type { ConfigRecord } from './domain/config-record';

export interface ConfigAnswer {
  record: ConfigRecord; // the head, or the head with the candidate's content when canary is set
  canary?: CanaryRecord;
}

// What one client gets for a config: the stable head, or the candidate of an active canary
// that targets it. Every read path (Nacos GET and long polling, socket.io, our API with
// "as client") asks here, so they cannot disagree.
@Injectable()
export class ConfigAnswers {
  // The candidate as a config record, per canary state and head version.
  private readonly candidates = new WeakMap<CanaryRecord, ConfigRecord>();

  constructor(
    private readonly index: ConfigIndex,
    private readonly canaries: CanaryIndex,
    private readonly registry: NamingRegistry,
  ) {}

  answer(key: ConfigKey, client: ConfigClient): ConfigAnswer | undefined {
    const head = this.index.live(key);
    if (!head) return undefined;
    const canary = this.canaries.get(key);
    if (!canary || !this.targets(canary, client)) return { record: head };
    return { record: this.candidateRecord(canary, head), canary };
  }

  md5For(key: ConfigKey, client: ConfigClient): string {
    return this.md5ForId(configKeyString(key), client);
  }

  // The same by configKeyString(key): a long poll compares many configs' md5 at once.
  md5ForId(id: string, client: ConfigClient): string {
    const head = this.index.liveById(id);
    if (!head) return '';
    return this.answerMd5(head, this.canaries.getById(id), client);
  }

  // The md5 every client gets when no canary runs ("" for no config); undefined when the answer
  // depends on the client.
  sameForEveryone(key: ConfigKey): string | undefined {
    const head = this.index.live(key);
    if (!head) return '';
    return this.canaries.get(key) ? undefined : head.md5;
  }

  // The md5 each client gets for this config, with the lookups done once (a change may have to
  // answer thousands of waiting clients).
  md5Of(key: ConfigKey): (client: ConfigClient) => string {
    const head = this.index.live(key);
    if (!head) return () => '';
    const canary = this.canaries.get(key);
    if (!canary) return () => head.md5;
    return (client) => this.answerMd5(head, canary, client);
  }

  // The one rule of both: a canary that targets the client answers its candidate.
  private answerMd5(head: ConfigRecord, canary: CanaryRecord | undefined, client: ConfigClient): string {
    return canary && this.targets(canary, client) ? canary.candidate.md5 : head.md5;
  }

  targets(canary: CanaryRecord, client: ConfigClient): boolean {
    const namespaceId = canary.key.namespaceId;
    return matchesTarget(canary.target, client, { configId: configKeyString(canary.key), tagsAt: (ip) => this.registry.tagsAt(namespaceId, ip) });
  }

  private candidateRecord(canary: CanaryRecord, head: ConfigRecord): ConfigRecord {
    const cached = this.candidates.get(canary);
    if (cached && cached.version === head.version) return cached;
    const { content, md5, type, sizeBytes } = canary.candidate;
    const record: ConfigRecord = { ...head, content, md5, type, sizeBytes };
    this.candidates.set(canary, record);
    return record;
  }
}
