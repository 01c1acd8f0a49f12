import { Injectable } from '@nestjs/common';
import type { ConfigKey, ConflictPolicy, ImportReport } from '@switchboard/shared';
import { DomainError } from '../common/errors/domain-error';
import { NamespacesService } from '../namespaces/namespaces.service';
import { ConfigIndex } from './config-index';
import { ConfigPublishService } from './config-publish.service';
import { readConfigArchive, writeConfigArchive, type PortableConfig } from './domain/config-archive';
import type { ConfigRecord } from './domain/config-record';
import type { Actor } from '../identity/actor';
import { requireDirectChange } from '../namespaces/domain/review-policy';

export interface ExportSelection {
  group?: string;
  dataIds?: string[];
}

function portable(record: ConfigRecord): PortableConfig {
  return {
    group: record.key.group,
    dataId: record.key.dataId,
    content: record.content,
    type: record.type,
    appName: record.appName,
    description: record.description,
    tags: [...record.tags],
  };
}

// Export to and import from zips in Nacos's layout, and cloning between namespaces. Every
// write goes through the publish use case (validation, versions, events).
@Injectable()
export class ConfigTransferService {
  constructor(
    private readonly index: ConfigIndex,
    private readonly publisher: ConfigPublishService,
    private readonly namespaces: NamespacesService,
  ) {}

  export(namespaceId: string, selection: ExportSelection): Uint8Array {
    this.namespaces.get(namespaceId);
    const dataIds = selection.dataIds?.length ? new Set(selection.dataIds) : undefined;
    const records = this.index
      .liveOf(namespaceId)
      .filter((r) => (!selection.group || r.key.group === selection.group) && (!dataIds || dataIds.has(r.key.dataId)));
    return writeConfigArchive(records.map(portable));
  }

  async import(namespaceId: string, zip: Uint8Array, policy: ConflictPolicy, actor: Actor): Promise<ImportReport> {
    requireDirectChange(this.namespaces.get(namespaceId), actor, 'an import');
    const { items, problems } = readConfigArchive(zip);
    const report = await this.write(namespaceId, items, policy, actor);
    for (const problem of problems) report.failed.push({ key: { namespaceId, group: '', dataId: problem.entry }, message: problem.message });
    return report;
  }

  async clone(sourceNamespaceId: string, targetNamespaceId: string, keys: { group: string; dataId: string }[] | undefined, policy: ConflictPolicy, actor: Actor): Promise<ImportReport> {
    this.namespaces.get(sourceNamespaceId);
    requireDirectChange(this.namespaces.get(targetNamespaceId), actor, 'a clone');
    const wanted = keys && new Set(keys.map((k) => `${k.group}\u0000${k.dataId}`));
    const records = this.index.liveOf(sourceNamespaceId).filter((r) => !wanted || wanted.has(`${r.key.group}\u0000${r.key.dataId}`));
    return this.write(targetNamespaceId, records.map(portable), policy, actor);
  }

  private async write(namespaceId: string, items: PortableConfig[], policy: ConflictPolicy, actor: Actor): Promise<ImportReport> {
    const report: ImportReport = { policy, created: [], overwritten: [], skipped: [], failed: [], aborted: false };
    const keyOf = (item: PortableConfig): ConfigKey => ({ namespaceId, group: item.group, dataId: item.dataId });
    const conflicts = items.filter((item) => this.index.live(keyOf(item)));
    if (policy === 'abort' && conflicts.length) {
      report.aborted = true;
      report.skipped = items.map(keyOf);
      for (const item of conflicts) report.failed.push({ key: keyOf(item), message: 'already exists (policy abort: nothing was written)' });
      return report;
    }
    for (const item of items) {
      const key = keyOf(item);
      const exists = Boolean(this.index.live(key));
      if (exists && policy === 'skip') {
        report.skipped.push(key);
        continue;
      }
      try {
        await this.publisher.publish(key, { content: item.content, type: item.type, appName: item.appName, description: item.description, tags: item.tags }, actor);
        (exists ? report.overwritten : report.created).push(key);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        report.failed.push({ key, message: error.message });
      }
    }
    return report;
  }
}
