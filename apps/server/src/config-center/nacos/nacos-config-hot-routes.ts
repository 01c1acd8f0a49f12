import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { AuthService } from '../../auth/auth.service';
import { hotAccessAllowed, hotAuthorize } from '../../auth/hot-access';
import { HotRoutes, type HotAnswer } from '../../common/http/hot-routes';
import { accessRequirementOf } from '../../identity/access';
import { actorFor } from '../../identity/actor';
import type { ConfigRecord } from '../domain/config-record';
import { NacosConfigsV1Controller } from './nacos-configs-v1.controller';
import { NacosConfigOperations } from './nacos-config.operations';
import { LISTEN_HEADERS, authorFrom, clientLabels, configHeaders, configKeyFrom, grayTargetFrom, parseListeningConfigs, pollOptionsFrom, publishCommandFrom } from './nacos-config.mapper';

interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Headers and bytes of a record's answer, made once per record (a record is replaced on every
// change, so it is its own cache key) and per stable / candidate.
const rendered = new WeakMap<ConfigRecord, { stable?: Rendered; canary?: Rendered }>();

function cachedAnswer(record: ConfigRecord, canary: boolean): Rendered {
  let entry = rendered.get(record);
  if (!entry) rendered.set(record, (entry = {}));
  const slot = canary ? 'canary' : 'stable';
  return (entry[slot] ??= { status: 200, headers: configHeaders(record, canary), body: Buffer.from(record.content, 'utf8') });
}

// The full pipeline's answer to a publish: `true` as JSON.
const PUBLISHED: HotAnswer = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: 'true' };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

// The config read every Nacos client makes after each change, answered on the hot path (see
// HotRoutes) with exactly what NacosConfigsV1Controller answers for a plain read: the same
// operation, the same access rule (read from the controller's declaration), Nacos's headers.
// Searches, show=all, beta queries and a missing config take the full pipeline.
// The publish and the long-polling request (small forms) are answered on the hot path too,
// errors included, through the same operations after the guard's own checks.
@Injectable()
export class NacosConfigHotRoutes implements OnModuleInit {
  constructor(
    private readonly hot: HotRoutes,
    private readonly auth: AuthService,
    private readonly configs: NacosConfigOperations,
  ) {}

  onModuleInit(): void {
    const readAccess = accessRequirementOf(NacosConfigsV1Controller, 'get');
    const publishAccess = accessRequirementOf(NacosConfigsV1Controller, 'publish');
    const listenAccess = accessRequirementOf(NacosConfigsV1Controller, 'listen');
    this.hot.add('GET', '/nacos/v1/cs/configs', (request) => {
      const { params } = request;
      if (params.search !== undefined || params.show !== undefined || params.beta !== undefined) return undefined;
      if (!hotAccessAllowed(this.auth, request, readAccess)) return undefined;
      const tag = request.headers['vipserver-tag'];
      // A missing config throws: the full pipeline answers it.
      const answer = this.configs.readForSubscriber(configKeyFrom(params, 'tenant'), { ip: request.ip, labels: clientLabels(params, typeof tag === 'string' ? tag : undefined) });
      return cachedAnswer(answer.record, !!answer.canary);
    });
    this.hot.addForm('POST', '/nacos/v1/cs/configs', async (request) => {
      const { params, headers } = request;
      const principal = await hotAuthorize(this.auth, request, publishAccess);
      const actor = actorFor(principal, request.ip, authorFrom(params));
      await this.configs.publish(configKeyFrom(params, 'tenant'), publishCommandFrom(params, header(headers, 'casmd5')), grayTargetFrom(header(headers, 'betaips'), params), actor);
      return PUBLISHED;
    });
    // Long polling: thousands of requests are held and answered at once on a change; each
    // answer costs a fraction of the full pipeline's.
    this.hot.addForm('POST', '/nacos/v1/cs/configs/listener', async (request) => {
      const { params, headers } = request;
      const principal = await hotAuthorize(this.auth, request, listenAccess);
      const timing = { timeout: header(headers, 'long-pulling-timeout'), noHangup: header(headers, 'long-pulling-timeout-no-hangup'), vipserverTag: header(headers, 'vipserver-tag') };
      const body = await this.configs.listen(parseListeningConfigs(params['Listening-Configs']), principal, pollOptionsFrom(timing, request.ip, request.onClose));
      return { status: 200, headers: LISTEN_HEADERS, body };
    });
  }
}
