import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ClusterBus } from '../cluster/cluster-bus';
import { Clock } from '../common/clock';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { heartbeatVerdict } from './domain/heartbeat-policy';
import { InstanceRegistrationService } from './instance-registration.service';
import { NamingRegistry } from './naming-registry';

// Sweeps the registry at a fixed interval and applies the heartbeat verdicts: silent ephemeral
// instances turn unhealthy, then expire. One timer for all instances.
@Injectable()
export class HeartbeatMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly registry: NamingRegistry,
    private readonly registration: InstanceRegistrationService,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cluster: ClusterBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweep(), this.settings.naming.sweepIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  sweep(): void {
    // Cluster mode: one node gives the verdicts (from the beats every node reports); the others
    // learn them from its notices.
    if (!this.cluster.leads) return;
    const nowMs = this.clock.now().getTime();
    for (const state of this.registry.allServices()) {
      // Deleting the current entry while iterating a Map is safe.
      for (const instance of state.instances.values()) {
        const verdict = heartbeatVerdict(instance, nowMs);
        if (verdict === 'expired') this.registration.expire(state, instance);
        else if (verdict === 'unhealthy' && instance.healthy) void this.registration.setHealth(state, instance, false);
      }
    }
  }
}
