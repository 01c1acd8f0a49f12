import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AuthService } from '../../auth/auth.service';
import { hotAccessAllowed } from '../../auth/hot-access';
import { Clock } from '../../common/clock';
import { HotRoutes, type HotAnswer } from '../../common/http/hot-routes';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { InstanceQueryService } from '../instance-query.service';
import { InstanceRegistrationService } from '../instance-registration.service';
import { JSON_CONTENT_TYPE, nacosLightBeat, nacosServiceList } from './nacos-instance-v1.controller';
import { ServiceInfoCache } from './nacos-service-info-cache';
import { serviceKeyFrom } from './nacos-naming.mapper';
import { NacosUdpPushService } from './nacos-udp-push.service';

const JSON_HEADERS = { 'content-type': JSON_CONTENT_TYPE };
const json = (body: string | Buffer): HotAnswer => ({ status: 200, headers: JSON_HEADERS, body });

// The Nacos naming calls every client makes all the time, answered on the hot path (see
// HotRoutes) with exactly what NacosInstanceV1Controller answers: the instance list and the
// light heartbeat (a beat carrying `beat` JSON may register, and takes the full pipeline).
@Injectable()
export class NacosNamingHotRoutes implements OnModuleInit {
  constructor(
    private readonly hot: HotRoutes,
    private readonly auth: AuthService,
    private readonly query: InstanceQueryService,
    private readonly registration: InstanceRegistrationService,
    private readonly udpPush: NacosUdpPushService,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cache: ServiceInfoCache,
  ) {}

  onModuleInit(): void {
    const deps = { query: this.query, udpPush: this.udpPush, clock: this.clock, settings: this.settings, cache: this.cache };
    this.hot.add('GET', '/nacos/v1/ns/instance/list', (request) => {
      const key = serviceKeyFrom(request.params);
      if (!hotAccessAllowed(this.auth, request, key.namespaceId, 'read')) return undefined;
      return json(nacosServiceList(deps, request.params, request.ip, key));
    });
    this.hot.add('PUT', '/nacos/v1/ns/instance/beat', (request) => {
      if (request.params.beat !== undefined) return undefined;
      const key = serviceKeyFrom(request.params);
      if (!hotAccessAllowed(this.auth, request, key.namespaceId, 'write')) return undefined;
      return json(JSON.stringify(nacosLightBeat(this.registration, request.params, key)));
    });
  }
}
