import { Injectable } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import type { Discovery } from '../instance-query.service';
import type { ServiceState } from '../naming-registry';
import { toNacosServiceInfo, type ServiceInfoNaming } from './nacos-naming.mapper';

interface Serialised {
  revision: number;
  service: ServiceState['service']; // replaced on every service change (protect threshold...)
  head: Buffer; // the JSON up to the lastRefTime value, as UTF-8
  tail: Buffer; // the JSON after it
  atMs: number;
  bytes: Buffer; // head + atMs + tail
}

// The serialised ServiceInfo of a list query, kept per service and query shape until the
// service's instances (revision) or the service itself change: the hosts, their checksum and
// the JSON are computed once per change, not once per request. Only lastRefTime (the clock)
// differs between answers; the bytes are rebuilt at most once per millisecond.
@Injectable()
export class ServiceInfoCache {
  private readonly byState = new WeakMap<ServiceState, Map<string, Serialised>>();

  bytes(key: ServiceKey, state: ServiceState | undefined, discover: () => Discovery | undefined, clusters: string, healthyOnly: boolean, cacheMillis: number, nowMs: number, naming: ServiceInfoNaming = 'grouped'): Buffer {
    if (!state) return Buffer.from(JSON.stringify(toNacosServiceInfo(key, discover(), clusters, cacheMillis, nowMs, naming)));
    let shapes = this.byState.get(state);
    if (!shapes) this.byState.set(state, (shapes = new Map()));
    const shape = `${healthyOnly ? 1 : 0}${naming === 'plain' ? 'p' : 'g'}${clusters}`;
    let entry = shapes.get(shape);
    if (!entry || entry.revision !== state.revision || entry.service !== state.service) {
      const json = JSON.stringify(toNacosServiceInfo(key, discover(), clusters, cacheMillis, 0, naming));
      // Field order is fixed, and inside strings quotes are escaped: this marker is unique.
      const marker = ',"lastRefTime":0,"checksum":';
      const at = json.indexOf(marker);
      const head = Buffer.from(json.slice(0, at + ',"lastRefTime":'.length));
      const tail = Buffer.from(json.slice(at + ',"lastRefTime":0'.length));
      entry = { revision: state.revision, service: state.service, head, tail, atMs: -1, bytes: Buffer.alloc(0) };
      if (shapes.size >= 64) shapes.clear(); // a bound on odd cluster lists
      shapes.set(shape, entry);
    }
    if (entry.atMs !== nowMs) {
      entry.atMs = nowMs;
      entry.bytes = withTime(entry.head, nowMs, entry.tail);
    }
    return entry.bytes;
  }
}

// head + the time's digits + tail, copied into a new buffer (an answer still being written may
// hold the previous one); no text to encode again.
function withTime(head: Buffer, nowMs: number, tail: Buffer): Buffer {
  const digits = String(nowMs);
  const bytes = Buffer.allocUnsafe(head.length + digits.length + tail.length);
  head.copy(bytes, 0);
  bytes.write(digits, head.length, 'latin1');
  tail.copy(bytes, head.length + digits.length);
  return bytes;
}
