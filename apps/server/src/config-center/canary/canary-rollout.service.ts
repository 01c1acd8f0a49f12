import { Injectable } from '@nestjs/common';
import type { CanaryClientView, CanaryRolloutView, ConfigKey } from '@switchboard/shared';
import { ConfigAnswers } from '../config-answers';
import { ConfigIndex } from '../config-index';
import { ConfigListeners, type ListenerEntry } from '../config-listeners';
import { CanaryIndex } from './canary-index';
import { CanaryWatcher } from './canary-watcher.service';
import { presentCanary } from './http/canary.presenter';

// The live rollout of a canary, from the config center's who-has-what: every listening client,
// the md5 it holds and the one it should hold.
@Injectable()
export class CanaryRolloutService {
  constructor(
    private readonly configs: ConfigIndex,
    private readonly canaries: CanaryIndex,
    private readonly listeners: ConfigListeners,
    private readonly answers: ConfigAnswers,
    private readonly watcher: CanaryWatcher,
  ) {}

  // The rollout over the whole cluster (REST); the live view pushed over socket.io is built from
  // this node's clients.
  async viewAcrossCluster(key: ConfigKey): Promise<CanaryRolloutView> {
    return this.view(key, await this.listeners.listAcrossCluster(key));
  }

  view(key: ConfigKey, listening: ListenerEntry[] = this.listeners.list(key)): CanaryRolloutView {
    const stableMd5 = this.configs.live(key)?.md5 ?? '';
    const canary = this.canaries.get(key);
    const candidateMd5 = canary?.candidate.md5 ?? '';
    const counts = { stable: 0, candidate: 0, other: 0, total: 0 };
    const clients: CanaryClientView[] = listening.map((entry) => {
      const expected = canary && this.answers.targets(canary, { ip: entry.clientIp, identity: entry.identity, labels: entry.labels }) ? 'candidate' : 'stable';
      const holds = entry.md5 === (expected === 'candidate' ? candidateMd5 : stableMd5) ? expected : entry.md5 === stableMd5 ? 'stable' : entry.md5 === candidateMd5 && candidateMd5 ? 'candidate' : 'other';
      counts[holds] += 1;
      counts.total += 1;
      return { clientId: entry.clientId, clientIp: entry.clientIp, transport: entry.transport, md5: entry.md5, holds, expected };
    });
    clients.sort((a, b) => a.clientId.localeCompare(b.clientId));
    return { ...key, canary: canary ? presentCanary(canary, this.watcher.guardOf(key)) : null, stableMd5, candidateMd5, clients, counts };
  }
}
