import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuthService } from '../../auth/auth.service';
import { hotAccessAllowed } from '../../auth/hot-access';
import { HotRoutes, type HotAnswer } from '../../common/http/hot-routes';
import { accessRequirementOf } from '../../identity/access';
import { JSON_CONTENT_TYPE, NacosInstanceV1Controller } from './nacos-instance-v1.controller';
import { addressFrom, instanceQueryFrom, serviceKeyFrom, udpSubscriberFrom } from './nacos-naming.mapper';
import { NacosNamingOperations } from './nacos-naming.operations';

const JSON_HEADERS = { 'content-type': JSON_CONTENT_TYPE };
const json = (body: string | Buffer): HotAnswer => ({ status: 200, headers: JSON_HEADERS, body });

// The Nacos naming calls every client makes all the time, answered on the hot path (see
// HotRoutes) with exactly what NacosInstanceV1Controller answers: the same operations, the same
// access rules (read from the controller's declarations). The instance list, and the light
// heartbeat (a beat carrying `beat` JSON may register, and takes the full pipeline).
@Injectable()
export class NacosNamingHotRoutes implements OnModuleInit {
  constructor(
    private readonly hot: HotRoutes,
    private readonly auth: AuthService,
    private readonly naming: NacosNamingOperations,
  ) {}

  onModuleInit(): void {
    const listAccess = accessRequirementOf(NacosInstanceV1Controller, 'list');
    const beatAccess = accessRequirementOf(NacosInstanceV1Controller, 'beat');
    this.hot.add('GET', '/nacos/v1/ns/instance/list', (request) => {
      if (!hotAccessAllowed(this.auth, request, listAccess)) return undefined;
      const { params } = request;
      return json(this.naming.serviceInfo(serviceKeyFrom(params), instanceQueryFrom(params, 'clusters'), udpSubscriberFrom(params, request.ip)));
    });
    this.hot.add('PUT', '/nacos/v1/ns/instance/beat', (request) => {
      if (request.params.beat !== undefined) return undefined;
      if (!hotAccessAllowed(this.auth, request, beatAccess)) return undefined;
      return json(JSON.stringify(this.naming.lightBeat(serviceKeyFrom(request.params), addressFrom(request.params))));
    });
  }
}
