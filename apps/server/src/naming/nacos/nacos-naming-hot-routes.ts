import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuthService } from '../../auth/auth.service';
import { hotAccessAllowed } from '../../auth/hot-access';
import { HotRoutes, type HotAnswer } from '../../common/http/hot-routes';
import { accessRequirementOf } from '../../identity/access';
import { JSON_CONTENT_TYPE, NacosInstanceV1Controller } from './nacos-instance-v1.controller';
import { beatFrom, instanceQueryFrom, serviceKeyFrom, udpSubscriberFrom } from './nacos-naming.mapper';
import { NacosNamingOperations, type NacosBeat, type NacosBeatAnswer } from './nacos-naming.operations';

const JSON_HEADERS = { 'content-type': JSON_CONTENT_TYPE };
const json = (body: string | Buffer): HotAnswer => ({ status: 200, headers: JSON_HEADERS, body });

// A beat's answer differs only by its interval and code: their texts are made once.
const BEAT_TEXTS = new Map<string, string>();
function beatText(answer: NacosBeatAnswer): string {
  const key = `${answer.clientBeatInterval} ${answer.code} ${answer.lightBeatEnabled}`;
  let text = BEAT_TEXTS.get(key);
  if (text === undefined) {
    text = JSON.stringify(answer);
    if (BEAT_TEXTS.size < 64) BEAT_TEXTS.set(key, text);
  }
  return text;
}

// The Nacos naming calls every client makes all the time, answered on the hot path (see
// HotRoutes) with exactly what NacosInstanceV1Controller answers: the same operations, the same
// access rules (read from the controller's declarations). The instance list, and the heartbeat:
// light (the address) or full (the `beat` JSON, as the npm client and 1.x Java clients send on
// every beat) of an instance this node knows; a beat that must register takes the full pipeline.
@Injectable()
export class NacosNamingHotRoutes implements OnModuleInit {
  constructor(
    private readonly hot: HotRoutes,
    private readonly auth: AuthService,
    private readonly naming: NacosNamingOperations,
  ) {}

  // A client sends the same `beat` JSON every time: it is read once (the parameters it may
  // leave to the query are part of the key). Bounded; started again when full.
  private readonly beats = new Map<string, NacosBeat>();

  private beatOf(params: Readonly<Record<string, string>>): NacosBeat {
    if (params.beat === undefined) return beatFrom(params);
    const key = `${params.beat}\u0000${params.ip}\u0000${params.port}\u0000${params.clusterName}\u0000${params.cluster}`;
    let beat = this.beats.get(key);
    if (!beat) {
      beat = beatFrom(params);
      if (this.beats.size >= 4096) this.beats.clear();
      this.beats.set(key, beat);
    }
    return beat;
  }

  onModuleInit(): void {
    const listAccess = accessRequirementOf(NacosInstanceV1Controller, 'list');
    const beatAccess = accessRequirementOf(NacosInstanceV1Controller, 'beat');
    this.hot.add('GET', '/nacos/v1/ns/instance/list', (request) => {
      if (!hotAccessAllowed(this.auth, request, listAccess)) return undefined;
      const { params } = request;
      return json(this.naming.serviceInfo(serviceKeyFrom(params), instanceQueryFrom(params, 'clusters'), udpSubscriberFrom(params, request.ip)));
    });
    this.hot.add('PUT', '/nacos/v1/ns/instance/beat', (request) => {
      if (!hotAccessAllowed(this.auth, request, beatAccess)) return undefined;
      const answer = this.naming.beatInMemory(serviceKeyFrom(request.params), this.beatOf(request.params));
      return answer && json(beatText(answer));
    });
  }
}
