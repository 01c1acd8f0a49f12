// Mirrors Nacos 3.x admin API `/nacos/v3/admin/core/state` (ServerStateController), open to
// anyone as in Nacos, in the {code, message, data} envelope:
//   GET            → data {version, standalone_mode, function_mode, auth_enabled, ...}: tools read
//                    `version` to pick the API they speak
//   GET /liveness  → data "ok"
//   GET /readiness → data "ok"; not ready (starting, shutting down, database away): 503
//                    {code:30000, data: why}
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { NACOS_PATHS } from '../common/nacos/nacos-paths';
import { nacosSuccess, type NacosV2Result } from '../common/nacos/nacos-result';
import { ClusterBus } from '../cluster/cluster-bus';
import { Public } from '../identity/access';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { Readiness } from './readiness';

// The Nacos API level this server answers.
const NACOS_API_VERSION = '3.0.0';

@ApiExcludeController()
@Public()
@Controller(NACOS_PATHS.v3AdminState)
export class NacosServerStateV3Controller {
  constructor(
    private readonly readiness: Readiness,
    private readonly dataSource: DataSource,
    private readonly cluster: ClusterBus,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Get()
  state(): NacosV2Result<Record<string, string | null>> {
    const auth = String(this.settings.auth.enabled);
    return nacosSuccess({
      version: NACOS_API_VERSION,
      standalone_mode: this.cluster.enabled ? 'cluster' : 'standalone',
      function_mode: null,
      startup_mode: 'server',
      auth_enabled: auth,
      login_page_enabled: auth,
      auth_system_type: 'nacos',
      console_ui_enabled: 'true',
    });
  }

  @Get('liveness')
  liveness(): NacosV2Result<string> {
    return nacosSuccess('ok');
  }

  @Get('readiness')
  async ready(): Promise<NacosV2Result<string>> {
    if (!this.readiness.isReady()) throw new DomainError('SERVICE_UNAVAILABLE', 'not ready: starting or shutting down');
    await this.dataSource.query('SELECT 1').catch(() => {
      throw new DomainError('SERVICE_UNAVAILABLE', 'not ready: the database does not answer');
    });
    return nacosSuccess('ok');
  }
}
