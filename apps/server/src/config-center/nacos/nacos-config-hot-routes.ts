import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuthService } from '../../auth/auth.service';
import { hotAccessAllowed } from '../../auth/hot-access';
import { HotRoutes } from '../../common/http/hot-routes';
import { ConfigAnswers } from '../config-answers';
import { ConfigListeners } from '../config-listeners';
import type { ConfigRecord } from '../domain/config-record';
import { clientLabels, configHeaders, configKeyFrom } from './nacos-config.mapper';

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

// The config read every Nacos client makes after each change, answered on the hot path (see
// HotRoutes) with exactly what NacosConfigsV1Controller answers for a plain read: this client's
// answer (canary included), with Nacos's headers. Searches, show=all, beta queries and a missing
// config take the full pipeline.
@Injectable()
export class NacosConfigHotRoutes implements OnModuleInit {
  constructor(
    private readonly hot: HotRoutes,
    private readonly auth: AuthService,
    private readonly answers: ConfigAnswers,
    private readonly listeners: ConfigListeners,
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
  }
}
