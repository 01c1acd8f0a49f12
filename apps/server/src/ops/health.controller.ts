import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OPS_PATHS, type HealthView } from '@switchboard/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { MetricsService } from '../common/metrics/metrics.service';
import { Readiness } from './readiness';
import { ClusterBus } from '../cluster/cluster-bus';
import { Public } from '../identity/access';

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
    private readonly metrics: MetricsService,
    private readonly cluster: ClusterBus,
  ) {}

  @Get(OPS_PATHS.live)
  live(): HealthView {
    return { status: 'ok', checks: {} };
  }

  // Ready when start-up finished, shutdown has not begun and the database answers. In cluster
  // mode the answer also tells whether this node hears the others' changes, without turning it
  // unready: a node cut off from Redis still answers from memory, and were Redis down, every
  // node would otherwise be taken out of service at once.
  @Get(OPS_PATHS.ready)
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    const checks: HealthView['checks'] = { startup: this.readiness.isReady() ? 'ok' : 'failed' };
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = 'ok';
    } catch {
      checks.database = 'failed';
    }
    const ok = Object.values(checks).every((c) => c === 'ok');
    if (this.cluster.enabled) checks.cluster = !this.cluster.connected ? 'failed' : this.cluster.feed().lagging ? 'lagging' : 'ok';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  @Get(OPS_PATHS.metrics)
  @Header('cache-control', 'no-store')
  async metricsText(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.render();
  }
}
