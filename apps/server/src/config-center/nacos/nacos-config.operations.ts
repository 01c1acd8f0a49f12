import { Injectable } from '@nestjs/common';
import type { ConfigKey, Page } from '@switchboard/shared';
import { requireAccess } from '../../auth/access-checks';
import type { Actor } from '../../identity/actor';
import type { Principal } from '../../identity/principal';
import { CanaryService } from '../canary/canary.service';
import type { CanaryRecord, ConfigClient } from '../canary/domain/canary-record';
import { ConfigAnswers, type ConfigAnswer } from '../config-answers';
import { ConfigListeners } from '../config-listeners';
import { ConfigPublishService, type PublishCommand } from '../config-publish.service';
import { ConfigQueryService, type ConfigSearch } from '../config-query.service';
import type { VersionSummary } from '../config.repository';
import type { ConfigRecord } from '../domain/config-record';
import type { ConfigVersionEntity } from '../domain/config-version.entity';
import { NacosConfigListenerService, type PollOptions } from './nacos-config-listener.service';
import type { ListeningEntry } from './nacos-config.mapper';

// Who a Nacos gray release goes to: client addresses (betaIps) or clients declaring a tag.
export type GrayTarget = { ips: string[] } | { tags: string[] };

// What a Nacos delete removes: the config, or only its beta (address) or one tag's gray release.
// A config a gRPC client listens to, with the md5 it holds.
export interface ConnectionListenEntry {
  key: ConfigKey;
  md5: string;
}

// The gRPC client listening: its connection (clientId, `grpc:<connection id>`, also its identity
// for weighted canaries), address and canary tags.
export interface ConnectionListener {
  clientId: string;
  clientIp: string;
  labels: readonly string[];
}

export interface NacosDeleteTarget {
  beta?: boolean;
  tag?: string;
}

// The Nacos config operations, one method per call a Nacos client makes, each owning its
// decisions (a gray or a normal publish, what a delete removes, which reads record the client
// as a listener). The transports (v1 and v2 HTTP controllers, the hot routes) only parse their
// wire format into these arguments and render the result.
@Injectable()
export class NacosConfigOperations {
  constructor(
    private readonly query: ConfigQueryService,
    private readonly publisher: ConfigPublishService,
    private readonly canaries: CanaryService,
    private readonly listeners: ConfigListeners,
    private readonly longPolling: NacosConfigListenerService,
    private readonly answers: ConfigAnswers,
  ) {}

  // A read by a long-polling client (the v1 protocol of the Nacos SDKs reads right after a poll
  // reported a change): the client now holds this md5, which the listener status shows before
  // its next poll arrives.
  // A gRPC client reads after a change notification the same way (its listener id is its
  // connection's).
  readForSubscriber(key: ConfigKey, client: ConfigClient, listenerId = `long-poll:${client.ip}`): ConfigAnswer {
    const answer = this.query.answer(key, client);
    this.listeners.touch(key, listenerId, answer.record.md5);
    return answer;
  }

  // A one-off read (the v2 open API, used by scripts and consoles rather than subscribers):
  // nothing is recorded.
  read(key: ConfigKey, client: ConfigClient): ConfigAnswer {
    return this.query.answer(key, client);
  }

  // The stored config with all its attributes (v1 `show=all`), whatever canary runs.
  detail(key: ConfigKey): ConfigRecord {
    return this.query.get(key);
  }

  // The running beta (address canary) and the config it would replace, if any.
  beta(key: ConfigKey): { canary: CanaryRecord; head: ConfigRecord } | undefined {
    const head = this.query.get(key);
    const canary = this.canaries.find(key);
    return canary ? { canary, head } : undefined;
  }

  search(search: ConfigSearch): Page<ConfigRecord> {
    return this.query.search(search);
  }

  all(namespaceId: string): ConfigRecord[] {
    return this.query.all(namespaceId);
  }

  // A gray target makes the content a canary's candidate; otherwise it is the new version.
  async publish(key: ConfigKey, command: PublishCommand, gray: GrayTarget | undefined, actor: Actor): Promise<void> {
    if (gray) await this.canaries.publishGray(key, command.content, command.type, gray, actor);
    else await this.publisher.publish(key, command, actor);
  }

  async remove(key: ConfigKey, target: NacosDeleteTarget, actor: Actor): Promise<void> {
    if (target.beta) {
      // As Nacos, stopping a beta that is not running is not an error.
      if (this.canaries.find(key)) await this.canaries.abort(key, actor, 'beta stopped');
    } else if (target.tag) {
      // A delete with a tag ends that tag's gray release; the config stays.
      await this.canaries.removeTagGray(key, target.tag, actor);
    } else {
      await this.publisher.delete(key, actor);
    }
  }

  // A long poll: the changed keys at once, or after a change or the hold time. Every listed
  // config must be readable by the caller.
  listen(entries: ListeningEntry[], principal: Principal | undefined, options: PollOptions): Promise<string> {
    for (const entry of entries) requireAccess(principal, entry.key.namespaceId, 'read');
    return this.longPolling.poll(entries, options);
  }

  // A gRPC client's batch listen: from now on it listens to these configs (pushed a change
  // notification when its answer moves), or no longer does; answers the configs whose md5 it
  // holds is not its answer now. Every listed config must be readable by the caller.
  listenOnConnection(entries: readonly ConnectionListenEntry[], listen: boolean, listener: ConnectionListener, principal: Principal | undefined): ConfigKey[] {
    for (const entry of entries) requireAccess(principal, entry.key.namespaceId, 'read');
    const changed: ConfigKey[] = [];
    const client: ConfigClient = { ip: listener.clientIp, identity: listener.clientId, labels: listener.labels };
    for (const entry of entries) {
      if (!listen) {
        this.listeners.forget(entry.key, listener.clientId);
        continue;
      }
      this.listeners.report(entry.key, { ...listener, identity: listener.clientId, transport: 'grpc', md5: entry.md5 });
      if (this.answers.md5For(entry.key, client) !== entry.md5) changed.push(entry.key);
    }
    return changed;
  }

  // The md5 each listening client holds, by client address, across the cluster.
  async listenerStatus(key: ConfigKey): Promise<Record<string, string>> {
    const status: Record<string, string> = {};
    for (const entry of await this.listeners.listAcrossCluster(key)) status[entry.clientIp] = entry.md5;
    return status;
  }

  history(key: ConfigKey, pageNo: number, pageSize: number): Promise<Page<VersionSummary>> {
    return this.query.versions(key, pageNo, pageSize);
  }

  version(key: ConfigKey, version: number): Promise<ConfigVersionEntity> {
    return this.query.version(key, version);
  }

  previousVersion(key: ConfigKey, version: number): Promise<ConfigVersionEntity> {
    return this.query.previousVersion(key, version);
  }
}
