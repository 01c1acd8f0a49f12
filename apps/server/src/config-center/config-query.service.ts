import { Injectable } from '@nestjs/common';
import type { ConfigKey, ConfigSearchMode, FieldViolation, Page } from '@switchboard/shared';
import { validationFailed } from '../common/errors/domain-error';
import { checkPage, requireValidPage } from '../common/paging';
import { NamespacesService } from '../namespaces/namespaces.service';
import type { ConfigClient } from './canary/domain/canary-record';
import { ConfigAnswers, type ConfigAnswer } from './config-answers';
import { ConfigIndex } from './config-index';
import { ConfigRepository, type VersionSummary } from './config.repository';
import { unifiedDiff } from './domain/config-diff';
import type { ConfigVersionEntity } from './domain/config-version.entity';
import { configNotFound, configVersionNotFound } from './domain/config.errors';
import { checkSearchFilters } from './domain/config.rules';
import { blurMatcher } from './domain/config-keys';
import type { ConfigRecord } from './domain/config-record';

export interface ConfigSearch {
  namespaceId: string;
  group?: string;
  dataId?: string;
  appName?: string;
  tags?: string[];
  mode: ConfigSearchMode;
  pageNo: number;
  pageSize: number;
}

// Lists of configs are ordered by group, then dataId.
function bySearchOrder(a: ConfigRecord, b: ConfigRecord): number {
  return a.key.group.localeCompare(b.key.group) || a.key.dataId.localeCompare(b.key.dataId);
}

// Reads: heads and search from the in-memory index (search never scans content); history from
// the database.
@Injectable()
export class ConfigQueryService {
  constructor(
    private readonly index: ConfigIndex,
    private readonly repository: ConfigRepository,
    private readonly namespaces: NamespacesService,
    private readonly answers: ConfigAnswers,
  ) {}

  // The config as this client gets it: the candidate when an active canary targets it.
  answer(key: ConfigKey, client: ConfigClient): ConfigAnswer {
    const answer = this.answers.answer(key, client);
    if (!answer) throw configNotFound(key);
    return answer;
  }

  get(key: ConfigKey): ConfigRecord {
    const record = this.index.live(key);
    if (!record) throw configNotFound(key);
    return record;
  }

  find(key: ConfigKey): ConfigRecord | undefined {
    return this.index.live(key);
  }

  search(query: ConfigSearch): Page<ConfigRecord> {
    const violations: FieldViolation[] = [];
    checkSearchFilters(query, violations);
    checkPage(query.pageNo, query.pageSize, violations);
    if (violations.length) throw validationFailed(violations);
    this.namespaces.get(query.namespaceId);
    const match = (pattern: string | undefined) => {
      if (!pattern) return () => true;
      return query.mode === 'blur' ? blurMatcher(pattern) : (value: string) => value === pattern;
    };
    const group = match(query.group);
    const dataId = match(query.dataId);
    const appName = match(query.appName);
    const tags = query.tags ?? [];
    const items = this.index
      .liveOf(query.namespaceId)
      .filter((r) => group(r.key.group) && dataId(r.key.dataId) && appName(r.appName) && tags.every((t) => r.tags.includes(t)))
      .sort(bySearchOrder);
    const start = (query.pageNo - 1) * query.pageSize;
    return { items: items.slice(start, start + query.pageSize), total: items.length, pageNo: query.pageNo, pageSize: query.pageSize };
  }

  // Every live config of a namespace, in search order (the Nacos history "configs" list).
  all(namespaceId: string): ConfigRecord[] {
    this.namespaces.get(namespaceId);
    return this.index.liveOf(namespaceId).sort(bySearchOrder);
  }

  async versions(key: ConfigKey, pageNo: number, pageSize: number): Promise<Page<VersionSummary>> {
    requireValidPage(pageNo, pageSize);
    this.namespaces.get(key.namespaceId);
    const { items, total } = await this.repository.listVersions(key, pageNo, pageSize);
    if (total === 0 && !this.index.get(key)) throw configNotFound(key);
    return { items, total, pageNo, pageSize };
  }

  async version(key: ConfigKey, version: number): Promise<ConfigVersionEntity> {
    const row = await this.repository.findVersion(key, version);
    if (!row) throw configVersionNotFound(key, version);
    return row;
  }

  async previousVersion(key: ConfigKey, version: number): Promise<ConfigVersionEntity> {
    const row = await this.repository.findPreviousVersion(key, version);
    if (!row) throw configVersionNotFound(key, version - 1);
    return row;
  }

  async diff(key: ConfigKey, from: number, to: number): Promise<string> {
    const [a, b] = await Promise.all([this.version(key, from), this.version(key, to)]);
    return unifiedDiff(a.content, b.content, `${key.dataId}@v${from}`, `${key.dataId}@v${to}`);
  }
}
