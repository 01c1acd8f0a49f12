import { HOSTILE_KEYS, HOSTILE_VALUES, LEAK, Rng, seedFrom } from './fuzz';
import { NacosGrpcClient, buildPayload, encodePayload } from './nacos-grpc-client';

// Hostile Nacos gRPC requests over an SDK connection: every request type the server serves with
// valid bodies whose fields are replaced by hostile values and wrong kinds (numbers, lists,
// objects, null), hostile keys added, fields dropped; unknown and hostile type names; bodies that
// are not JSON; and bytes that are not a Payload at all. Every answer must be a response of the
// protocol (a success, or an error with a code below 500) or a gRPC status for a message the
// transport refuses, never a server fault or a leaked stack; the connection must stay usable.

export interface GrpcFuzzResult {
  messages: number;
  answers: number;
  problems: string[];
}

const INSTANCE = { ip: '10.99.0.1', port: 8080, weight: 1, healthy: true, enabled: true, ephemeral: true, clusterName: 'DEFAULT', metadata: { a: 'b' } };
const TEMPLATES: Record<string, Record<string, unknown>> = {
  InstanceRequest: { namespace: '', serviceName: 'fuzz-svc', groupName: 'DEFAULT_GROUP', type: 'registerInstance', instance: INSTANCE, module: 'naming' },
  BatchInstanceRequest: { namespace: '', serviceName: 'fuzz-svc', groupName: 'DEFAULT_GROUP', type: 'batchRegisterInstance', instances: [INSTANCE], module: 'naming' },
  PersistentInstanceRequest: { namespace: '', serviceName: 'fuzz-svc-p', groupName: 'DEFAULT_GROUP', type: 'registerInstance', instance: { ...INSTANCE, ephemeral: false }, module: 'naming' },
  SubscribeServiceRequest: { namespace: '', serviceName: 'fuzz-svc', groupName: 'DEFAULT_GROUP', subscribe: true, clusters: '', module: 'naming' },
  ServiceQueryRequest: { namespace: '', serviceName: 'fuzz-svc', groupName: 'DEFAULT_GROUP', cluster: '', healthyOnly: false, udpPort: 0, module: 'naming' },
  ServiceListRequest: { namespace: '', groupName: 'DEFAULT_GROUP', pageNo: 1, pageSize: 10, module: 'naming' },
  ConfigQueryRequest: { dataId: 'fuzz.properties', group: 'DEFAULT_GROUP', tenant: '', tag: '', module: 'config' },
  ConfigPublishRequest: { dataId: 'fuzz.properties', group: 'DEFAULT_GROUP', tenant: '', content: 'a=1', casMd5: '', additionMap: { type: 'properties', betaIps: null, tag: null }, module: 'config' },
  ConfigRemoveRequest: { dataId: 'fuzz-gone.properties', group: 'DEFAULT_GROUP', tenant: '', tag: '', module: 'config' },
  ConfigBatchListenRequest: { listen: true, configListenContexts: [{ dataId: 'fuzz.properties', group: 'DEFAULT_GROUP', tenant: '', md5: '' }], module: 'config' },
  HealthCheckRequest: { module: 'internal' },
  ServerLoaderInfoRequest: { module: 'internal' },
};
const TYPES = Object.keys(TEMPLATES);
const HOSTILE_TYPES = ['', 'Request', 'ErrorResponse', 'ConfigQueryResponse', 'ConnectionSetupRequest', 'ServerCheckRequest', '__proto__', 'constructor', 'x'.repeat(5000), '名字', 'InstanceRequest ', 'com.alibaba.nacos.api.naming.remote.request.InstanceRequest'];
const WRONG_KINDS: readonly unknown[] = [null, 0, -1, 1e308, true, [], [[[]]], {}, { a: { b: { c: [] } } }, 'x'.repeat(100_000)];

function hostileValue(rng: Rng): unknown {
  return rng.chance(0.5) ? rng.pick(HOSTILE_VALUES) : rng.pick(WRONG_KINDS);
}

// A copy of the value with one field somewhere in it replaced, dropped, or joined by a hostile key.
function mutate(rng: Rng, value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return rng.chance(0.3) ? hostileValue(rng) : value.map((v) => mutate(rng, v, depth + 1));
  if (typeof value !== 'object' || value === null) return rng.chance(0.6) ? hostileValue(rng) : value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const roll = rng.int(4);
  if (roll === 0 && keys.length) delete copy[rng.pick(keys)];
  else if (roll === 1) copy[rng.pick(HOSTILE_KEYS)] = hostileValue(rng);
  else if (keys.length) {
    const key = rng.pick(keys);
    copy[key] = depth < 3 ? mutate(rng, copy[key], depth + 1) : hostileValue(rng);
  }
  return copy;
}

function checkAnswer(what: string, answer: { resultCode?: number; errorCode?: number; message?: string }, problems: string[]): void {
  const text = JSON.stringify(answer);
  if (answer.resultCode !== 200 && (answer.errorCode === undefined || answer.errorCode >= 500)) problems.push(`${what} → ${text.slice(0, 300)}`);
  else if (LEAK.test(answer.message ?? '')) problems.push(`${what} leaked: ${text.slice(0, 300)}`);
}

export async function fuzzGrpc(server: { grpcPort: number; port: number }, options: { token?: string; messages: number; seed: string }): Promise<GrpcFuzzResult> {
  const rng = new Rng(seedFrom(`${options.seed}:grpc`));
  const result: GrpcFuzzResult = { messages: 0, answers: 0, problems: [] };
  const client = await NacosGrpcClient.start({ servers: [{ host: '127.0.0.1', port: server.grpcPort, httpPort: server.port }], module: 'naming', accessToken: options.token, keepAliveMs: 0 });
  try {
    for (let i = 0; i < options.messages; i++) {
      const roll = rng.int(10);
      const type = roll === 0 ? rng.pick(HOSTILE_TYPES) : rng.pick(TYPES);
      result.messages++;
      if (roll === 1) {
        // Not a Payload, or a Payload whose body is not JSON.
        const whole = encodePayload(buildPayload(rng.pick(TYPES), TEMPLATES[rng.pick(TYPES)]));
        const bytes = rng.chance(0.5) ? rng.bytes(1 + rng.int(200)) : whole.subarray(0, rng.int(whole.length));
        const answer = await client.rawBytes(rng.chance(0.5) ? bytes : Buffer.concat([whole.subarray(0, 8), bytes]));
        if (answer.response) {
          result.answers++;
          checkAnswer(`#${i} raw bytes`, answer.response, result.problems);
        } else if (answer.status === undefined) result.problems.push(`#${i} raw bytes: neither an answer nor a gRPC status`);
        continue;
      }
      const body = roll === 2 ? rng.pick(['{', '[]', 'null', '"x"', '\u0000', 'x'.repeat(10_000)]) : JSON.stringify(mutate(rng, Object.hasOwn(TEMPLATES, type) ? TEMPLATES[type] : {})) ?? "null";
      const answer = await client.rawTyped(type, body, rng.chance(0.2) ? { accessToken: rng.pick(HOSTILE_VALUES) } : {});
      result.answers++;
      checkAnswer(`#${i} ${type.slice(0, 60)} ${body.slice(0, 200)}`, answer, result.problems);
    }
    const health = await client.healthCheck();
    if (health.resultCode !== 200) result.problems.push(`the connection is not usable afterwards: ${JSON.stringify(health)}`);
  } finally {
    client.close();
  }
  return result;
}
