import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import type { Instance } from './domain/instance';
import { probe } from './domain/probe';
import { InstanceRegistrationService } from './instance-registration.service';
import { NamingRegistry, type ServiceState } from './naming-registry';
import { ServiceCatalogService } from './service-catalog.service';
import { ClusterBus } from '../cluster/cluster-bus';

const MAX_CONCURRENT_PROBES = 64;

// Probes every persistent instance each interval with its cluster's health check. A failed
// probe marks the instance unhealthy (never removes it); a passing one marks it healthy.
@Injectable()
export class HealthProbeService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HealthProbeService.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly registry: NamingRegistry,
    private readonly catalog: ServiceCatalogService,
    private readonly registration: InstanceRegistrationService,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cluster: ClusterBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.probeAll(), this.settings.naming.probeIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  // A round that outlasts the interval is not overlapped by the next one.
  async probeAll(): Promise<void> {
    // Cluster mode: one node probes; the others learn its verdicts from its notices.
    if (this.running || !this.cluster.leads) return;
    this.running = true;
    try {
      const work: [ServiceState, Instance][] = [];
      for (const state of this.registry.allServices()) {
        for (const instance of state.instances.values()) if (!instance.ephemeral) work.push([state, instance]);
      }
      for (let i = 0; i < work.length; i += MAX_CONCURRENT_PROBES) {
        await Promise.all(work.slice(i, i + MAX_CONCURRENT_PROBES).map(([state, instance]) => this.probeOne(state, instance)));
      }
    } catch (error) {
      this.logger.error(`probe round failed: ${(error as Error).message}`, (error as Error).stack);
    } finally {
      this.running = false;
    }
  }

  private async probeOne(state: ServiceState, instance: Instance): Promise<void> {
    const check = this.catalog.clusterOf(state, instance.clusterName).healthCheck;
    if (check.type === 'NONE') return;
    const healthy = await probe(instance, check, this.settings.naming.probeTimeoutMs);
    await this.registration.setHealth(state, instance, healthy);
  }
}
