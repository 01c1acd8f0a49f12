import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { namespaceOfTenant } from '../../auth/access.decorators';
import { AuthService } from '../../auth/auth.service';
import { hotAccessAllowed, hotAuthenticate, hotAuthorize } from '../../auth/hot-access';
import { HotRoutes, type HotAnswer } from '../../common/http/hot-routes';
import { CanaryService } from '../canary/canary.service';
import { ConfigAnswers } from '../config-answers';
import { ConfigListeners } from '../config-listeners';
import { ConfigPublishService } from '../config-publish.service';
import type { ConfigRecord } from '../domain/config-record';
import { actorFor } from '../http/actor';
import { LISTEN_HEADERS, nacosListen, nacosPublish } from './nacos-configs-v1.controller';
import { NacosConfigListenerService } from './nacos-config-listener.service';
import { authorFrom, clientLabels, configHeaders, configKeyFrom } from './nacos-config.mapper';

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
// HotRoutes) with exactly what NacosConfigsV1Controller answers for a plain read: this client's
// answer (canary included), with Nacos's headers. Searches, show=all, beta queries and a missing
// config take the full pipeline.
// The publish and the long-polling request (small forms) are answered on the hot path too,
// errors included, by the controller's own code after the guard's own checks.
@Injectable()
export class NacosConfigHotRoutes implements OnModuleInit {
  constructor(
    private readonly hot: HotRoutes,
    private readonly auth: AuthService,
    private readonly answers: ConfigAnswers,
    private readonly listeners: ConfigListeners,
    private readonly publisher: ConfigPublishService,
    private readonly canaries: CanaryService,
    private readonly longPolling: NacosConfigListenerService,
  ) {}

  onModuleInit(): void {
    this.hot.add('GET', '/nacos/v1/cs/configs', (request) => {
      const { params } = request;
      if (params.search !== undefined || params.show !== undefined || params.beta !== undefined) return undefined;
      const key = configKeyFrom(params, 'tenant');
      if (!hotAccessAllowed(this.auth, request, key.namespaceId, 'read')) return undefined;
      const tag = request.headers['vipserver-tag'];
      const answer = this.answers.answer(key, { ip: request.ip, labels: clientLabels(params, typeof tag === 'string' ? tag : undefined) });
      if (!answer) return undefined;
      this.listeners.touch(key, `long-poll:${request.ip}`, answer.record.md5);
      return cachedAnswer(answer.record, !!answer.canary);
    });
    this.hot.addForm('POST', '/nacos/v1/cs/configs', async (request) => {
      const { params, headers } = request;
      const principal = await hotAuthorize(this.auth, request, () => namespaceOfTenant(params.tenant), 'write');
      await nacosPublish(this.publisher, this.canaries, params, header(headers, 'casmd5'), header(headers, 'betaips'), actorFor(principal, request.ip, authorFrom(params)));
      return PUBLISHED;
    });
    // Long polling: thousands of requests are held and answered at once on a change; each
    // answer costs a fraction of the full pipeline's.
    this.hot.addForm('POST', '/nacos/v1/cs/configs/listener', async (request) => {
      const { params, headers } = request;
      const principal = await hotAuthenticate(this.auth, request);
      const timing = { timeout: header(headers, 'long-pulling-timeout'), noHangup: header(headers, 'long-pulling-timeout-no-hangup'), vipserverTag: header(headers, 'vipserver-tag') };
      const body = await nacosListen(this.longPolling, params, timing, principal, request.ip, request.onClose);
      return { status: 200, headers: LISTEN_HEADERS, body };
    });
  }
}
