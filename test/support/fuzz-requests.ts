import { encode, form, hostileZip, HOSTILE_KEYS, HOSTILE_VALUES, Rng, type FuzzRequest } from './fuzz';

// Builds hostile requests for every route the server has: each path and method of its OpenAPI
// document and of the Nacos API, with valid fields mixed with hostile ones so that requests get
// past the first check and reach deeper code.

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  additionalProperties?: unknown;
  format?: string;
}

interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Route {
  method: string;
  path: string; // {name} marks a path parameter
  query: string[];
  body?: Schema | 'zip';
  nacos?: boolean; // parameters in the query or an urlencoded form
}

// The Nacos API: every route of the Nacos-compatible controllers and hot routes, with the
// parameters each reads.
const INSTANCE = ['serviceName', 'groupName', 'namespaceId', 'ip', 'port', 'clusterName', 'cluster', 'weight', 'enabled', 'enable', 'healthy', 'ephemeral', 'metadata'];
const SERVICE = ['serviceName', 'groupName', 'namespaceId', 'protectThreshold', 'metadata', 'selector'];
const LIST = ['serviceName', 'groupName', 'namespaceId', 'clusters', 'healthyOnly', 'udpPort', 'clientIP', 'app'];
const BEAT = ['serviceName', 'groupName', 'namespaceId', 'beat', 'ip', 'port', 'clusterName'];
const NACOS_ROUTES: [string, string, string[]][] = [
  ['GET', '/nacos/v1/console/namespaces', ['show', 'namespaceId', 'checkNamespaceIdExist', 'customNamespaceId']],
  ['POST', '/nacos/v1/console/namespaces', ['customNamespaceId', 'namespaceName', 'namespaceDesc']],
  ['PUT', '/nacos/v1/console/namespaces', ['namespace', 'namespaceShowName', 'namespaceDesc']],
  ['DELETE', '/nacos/v1/console/namespaces', ['namespaceId']],
  ['GET', '/nacos/v2/console/namespace/list', []],
  ['GET', '/nacos/v2/console/namespace', ['namespaceId']],
  ['POST', '/nacos/v2/console/namespace', ['namespaceId', 'namespaceName', 'namespaceDesc']],
  ['PUT', '/nacos/v2/console/namespace', ['namespaceId', 'namespaceName', 'namespaceDesc']],
  ['DELETE', '/nacos/v2/console/namespace', ['namespaceId']],
  ['POST', '/nacos/v1/auth/login', ['username', 'password']],
  ['POST', '/nacos/v1/auth/users/login', ['username', 'password']],
  ['GET', '/nacos/v1/auth/users', ['pageNo', 'pageSize', 'username', 'search']],
  ['POST', '/nacos/v1/auth/users', ['username', 'password']],
  ['PUT', '/nacos/v1/auth/users', ['username', 'newPassword']],
  ['DELETE', '/nacos/v1/auth/users', ['username']],
  ['GET', '/nacos/v1/auth/roles', ['pageNo', 'pageSize', 'username', 'role']],
  ['POST', '/nacos/v1/auth/roles', ['role', 'username']],
  ['DELETE', '/nacos/v1/auth/roles', ['role', 'username']],
  ['GET', '/nacos/v1/auth/permissions', ['pageNo', 'pageSize', 'role']],
  ['POST', '/nacos/v1/auth/permissions', ['role', 'resource', 'action']],
  ['DELETE', '/nacos/v1/auth/permissions', ['role', 'resource', 'action']],
  ['GET', '/nacos/v1/cs/configs', ['dataId', 'group', 'tenant', 'tag', 'show', 'beta', 'search', 'pageNo', 'pageSize', 'appName', 'config_tags']],
  ['POST', '/nacos/v1/cs/configs', ['dataId', 'group', 'content', 'tenant', 'type', 'appName', 'desc', 'config_tags', 'src_user', 'tag']],
  ['DELETE', '/nacos/v1/cs/configs', ['dataId', 'group', 'tenant', 'beta', 'tag']],
  ['GET', '/nacos/v1/cs/configs/listener', ['dataId', 'group', 'tenant']],
  ['POST', '/nacos/v1/cs/configs/listener', ['Listening-Configs', 'tenant']],
  ['GET', '/nacos/v1/cs/history', ['dataId', 'group', 'tenant', 'search', 'pageNo', 'pageSize', 'nid']],
  ['GET', '/nacos/v1/cs/history/previous', ['dataId', 'group', 'tenant', 'id']],
  ['GET', '/nacos/v1/cs/history/configs', ['tenant']],
  ['GET', '/nacos/v2/cs/config', ['dataId', 'group', 'namespaceId', 'tag']],
  ['POST', '/nacos/v2/cs/config', ['dataId', 'group', 'content', 'namespaceId', 'type', 'appName', 'desc', 'configTags', 'srcUser', 'tag']],
  ['DELETE', '/nacos/v2/cs/config', ['dataId', 'group', 'namespaceId', 'tag']],
  ['GET', '/nacos/v2/cs/history/list', ['dataId', 'group', 'namespaceId', 'pageNo', 'pageSize']],
  ['GET', '/nacos/v2/cs/history', ['dataId', 'group', 'namespaceId', 'nid']],
  ['GET', '/nacos/v2/cs/history/previous', ['dataId', 'group', 'namespaceId', 'id']],
  ['GET', '/nacos/v2/cs/history/configs', ['namespaceId']],
  ...['v1', 'v2'].flatMap((v): [string, string, string[]][] => [
    ['POST', `/nacos/${v}/ns/instance`, INSTANCE],
    ['DELETE', `/nacos/${v}/ns/instance`, INSTANCE],
    ['PUT', `/nacos/${v}/ns/instance`, INSTANCE],
    ['PATCH', `/nacos/${v}/ns/instance`, INSTANCE],
    ['GET', `/nacos/${v}/ns/instance`, INSTANCE],
    ['GET', `/nacos/${v}/ns/instance/list`, LIST],
    ['PUT', `/nacos/${v}/ns/instance/beat`, BEAT],
    ['POST', `/nacos/${v}/ns/service`, SERVICE],
    ['DELETE', `/nacos/${v}/ns/service`, SERVICE],
    ['PUT', `/nacos/${v}/ns/service`, SERVICE],
    ['GET', `/nacos/${v}/ns/service`, SERVICE],
    ['GET', `/nacos/${v}/ns/service/list`, ['pageNo', 'pageSize', 'groupName', 'namespaceId', 'selector']],
  ]),
  ['GET', '/nacos/v1/ns/operator/metrics', ['onlyStatus']],
  ['GET', '/nacos/v1/ns/catalog/services', ['pageNo', 'pageSize', 'serviceNameParam', 'groupNameParam', 'hasIpCount', 'namespaceId']],
  ['GET', '/nacos/v1/ns/catalog/instances', ['serviceName', 'groupName', 'clusterName', 'pageNo', 'pageSize', 'namespaceId']],
  // Nacos 3.x: the open API and the admin API.
  ['POST', '/nacos/v3/client/ns/instance', [...INSTANCE, 'heartBeat']],
  ['DELETE', '/nacos/v3/client/ns/instance', INSTANCE],
  ['GET', '/nacos/v3/client/ns/instance/list', ['serviceName', 'groupName', 'namespaceId', 'clusterName', 'healthyOnly']],
  ['GET', '/nacos/v3/client/cs/config', ['dataId', 'groupName', 'group', 'namespaceId']],
  ...['POST', 'PUT', 'DELETE', 'GET'].map((m): [string, string, string[]] => [m, '/nacos/v3/admin/ns/service', SERVICE]),
  ['GET', '/nacos/v3/admin/ns/service/list', ['pageNo', 'pageSize', 'groupNameParam', 'serviceNameParam', 'namespaceId', 'ignoreEmptyService', 'withInstances']],
  ...['POST', 'PUT', 'DELETE', 'GET'].map((m): [string, string, string[]] => [m, '/nacos/v3/admin/ns/instance', INSTANCE]),
  ['PUT', '/nacos/v3/admin/ns/instance/partial', INSTANCE],
  ['GET', '/nacos/v3/admin/ns/instance/list', ['serviceName', 'groupName', 'namespaceId', 'clusterName', 'healthyOnly']],
  ['PUT', '/nacos/v3/admin/ns/health/instance', [...INSTANCE]],
  ...['POST', 'DELETE', 'GET'].map((m): [string, string, string[]] => [m, '/nacos/v3/admin/cs/config', ['dataId', 'groupName', 'namespaceId', 'content', 'type', 'tag', 'appName', 'desc', 'configTags']]),
  ['GET', '/nacos/v3/admin/cs/config/list', ['dataId', 'groupName', 'namespaceId', 'search', 'pageNo', 'pageSize', 'appName', 'configTags']],
  ['GET', '/nacos/v3/admin/cs/config/listener', ['dataId', 'groupName', 'namespaceId']],
  ['GET', '/nacos/v3/admin/cs/history/list', ['dataId', 'groupName', 'namespaceId', 'pageNo', 'pageSize']],
  ['GET', '/nacos/v3/admin/cs/history', ['dataId', 'groupName', 'namespaceId', 'nid']],
  ['GET', '/nacos/v3/admin/core/namespace/list', []],
  ...['POST', 'PUT', 'DELETE', 'GET'].map((m): [string, string, string[]] => [m, '/nacos/v3/admin/core/namespace', ['namespaceId', 'namespaceName', 'namespaceDesc']]),
  ['GET', '/nacos/v3/admin/core/state', []],
];

// Paths outside both APIs: health, metrics, the API document, the console's files, socket.io's
// polling transport, and paths that try to leave the console's directory.
const OTHER_PATHS = [
  '/health/live',
  '/health/ready',
  '/metrics',
  '/api/docs',
  '/api/docs-json',
  '/',
  '/index.html',
  '/assets/x.js',
  '/favicon.ico',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%2f..%2f..%2fpackage.json',
  '/assets/%c0%ae%c0%ae/x',
  '/api/v1/../../etc/passwd',
  '//etc/passwd',
  '/nacos',
  '/nacos/',
  '/nacos/v1',
  '/nacos/v1/cs',
  '/nacos/v3/cs/config',
  '/api/v2/namespaces',
  '/api/v1/namespaces/',
  '/api/v1//namespaces',
  '/API/V1/NAMESPACES',
  '/socket.io/?EIO=4&transport=polling',
  '/socket.io/?EIO=99&transport=polling',
  '/socket.io/?EIO=4&transport=bogus',
  '/socket.io/?EIO=4&transport=polling&sid=bogus',
];

// Valid values of each parameter, body field and path parameter, by name. Addresses are
// loopback only: registered persistent instances are probed, and traffic stays on this machine.
const VALID: Record<string, readonly string[]> = {
  dataId: ['fz.properties', 'fz.json', 'fz.yaml'],
  dataIds: ['fz.properties,fz.json'],
  group: ['FZ', 'DEFAULT_GROUP'],
  groupName: ['FZ', 'DEFAULT_GROUP'],
  groupNameParam: ['FZ'],
  tenant: ['', 'public', 'fz-ns'],
  namespaceId: ['public', 'fz-ns', 'fz-ns2'],
  targetNamespaceId: ['fz-ns', 'fz-ns2'],
  namespace: ['fz-ns', 'public'],
  customNamespaceId: ['fz-ns', 'fz-ns2'],
  namespaceName: ['fz'],
  namespaceShowName: ['fz'],
  namespaceDesc: ['d'],
  name: ['fz-name'],
  description: ['d'],
  content: ['a=1', '{"a":1}', 'k: v', 'x'],
  type: ['properties', 'json', 'yaml', 'text', 'xml', 'html', 'toml'],
  serviceName: ['fz-svc', 'FZ@@fz-svc'],
  serviceNameParam: ['fz'],
  ip: ['127.0.0.1', '127.0.0.2', '::1'],
  clientIP: ['127.0.0.1'],
  port: ['8080', '1', '65535'],
  udpPort: ['0'],
  clusterName: ['DEFAULT', 'c1'],
  cluster: ['DEFAULT'],
  clusters: ['DEFAULT,c1', 'DEFAULT'],
  weight: ['1', '0.5', '100'],
  enabled: ['true', 'false'],
  enable: ['true'],
  healthy: ['true', 'false'],
  ephemeral: ['true', 'false'],
  healthyOnly: ['true', 'false'],
  hideEmpty: ['true'],
  hasIpCount: ['true'],
  onlyStatus: ['true', 'false'],
  checkNamespaceIdExist: ['true'],
  show: ['all'],
  beta: ['true', 'false'],
  search: ['accurate', 'blur'],
  mode: ['exact', 'blur'],
  metadata: ['{"k":"v"}', 'k=v,k2=v2'],
  selector: ['{"type":"none"}'],
  beat: ['{"ip":"127.0.0.1","port":8080,"serviceName":"fz-svc","cluster":"DEFAULT","weight":1,"metadata":{}}'],
  protectThreshold: ['0', '0.5', '1'],
  pageNo: ['1', '2'],
  pageSize: ['10', '500'],
  tag: ['canary'],
  tags: ['canary', 'a,b'],
  labels: ['canary'],
  appName: ['app'],
  config_tags: ['a,b'],
  configTags: ['a,b'],
  desc: ['d'],
  src_user: ['me'],
  srcUser: ['me'],
  nid: ['1'],
  id: ['1'],
  version: ['1', '2'],
  from: ['1'],
  to: ['2'],
  expectedVersion: ['0', '1'],
  asClient: ['self', '127.0.0.1'],
  policy: ['abort', 'skip', 'overwrite'],
  since: ['2024-01-01T00:00:00Z'],
  until: ['2030-01-01T00:00:00Z'],
  actor: ['fz-user'],
  action: ['r', 'w', 'rw', 'read', 'write'],
  targetType: ['config'],
  username: ['fz-user', 'fz-user2'],
  password: ['fz-pass-1234'],
  newPassword: ['fz-pass-5678'],
  role: ['fz-role'],
  resource: ['fz-ns:*:*', 'public:*:*'],
  'Listening-Configs': ['fz.properties\u0002FZ\u0002\u0001', 'fz.properties\u0002FZ\u0002abc\u0002fz-ns\u0001'],
  app: ['app'],
};

const NUMBERS: Record<string, readonly number[]> = {
  port: [8080, 1, 65535],
  weight: [1, 0.5, 100],
  protectThreshold: [0, 0.5, 1],
  version: [1, 2],
  expectedVersion: [0, 1],
  expectedRevision: [1],
  configQuota: [10],
  expiresInDays: [30],
  maxUnhealthyPercent: [10],
  bakeMs: [1000],
};

const HOSTILE_NUMBERS: readonly unknown[] = [-1, 0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 65536, 1e-7, '1', 'one', null, true, [], {}];
const HOSTILE_JSON: readonly unknown[] = [null, true, false, 0, -1, 1e308, '', 'x'.repeat(70_000), [], [[[[[]]]]], {}, [null], ['a', 1, null, {}]];

// A JSON object whose keys may be anything, `__proto__` included.
class Obj {
  constructor(readonly entries: [string, unknown][]) {}
}

function jsonText(value: unknown): string {
  if (value instanceof Obj) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return JSON.stringify(value) ?? 'null';
}

export interface GenContext {
  auth: boolean;
  token?: string; // a valid administrator's token (authentication on)
  adminPassword?: string;
  bodyLimit: number;
  routes: Route[];
  schemas: Record<string, Schema>;
}

export function routesOf(doc: OpenApiDoc): Route[] {
  const routes: Route[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const schema = content['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: schema?.format === 'binary' || path.endsWith('config-import') ? 'zip' : op.requestBody ? (schema ?? {}) : undefined,
      });
    }
  }
  for (const [method, path, params] of NACOS_ROUTES) routes.push({ method, path, query: params, nacos: true });
  return routes;
}

export function schemasOf(doc: OpenApiDoc): Record<string, Schema> {
  return doc.components?.schemas ?? {};
}

// ---------------------------------------------------------------------------------------------

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/zip',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/json, text/plain',
  'application/json;;;',
  'text/html; charset="',
  '*/*',
  'a'.repeat(2000),
];

function hostileValue(rng: Rng): string {
  return rng.pick(HOSTILE_VALUES);
}

function validValue(rng: Rng, name: string): string {
  const pool = VALID[name];
  return pool ? rng.pick(pool) : rng.pick(['x', 'fz', '1', 'true']);
}

function fieldValue(rng: Rng, name: string, hostileRate: number): string {
  return rng.chance(hostileRate) ? hostileValue(rng) : validValue(rng, name);
}

// Query or form text: each pair percent-encoded, then some raw damage (bad escapes, bytes that
// are not UTF-8, array and object syntax in names, repeated names).
function paramText(rng: Rng, entries: [string, string][]): string {
  let text = form(entries);
  if (rng.chance(0.05)) text += `&${rng.pick(['%', '%zz', '%ff%fe', '%c0%af', '%ed%a0%80', '\xff\xfe', '%00', '&&&', '=', '==', 'a=%', 'a[=1', 'a]=1', '%5B%5B%5B%5B=1'])}`;
  return text;
}

function mutateEntries(rng: Rng, entries: [string, string][], names: string[]): void {
  if (rng.chance(0.25)) entries.push([rng.pick(HOSTILE_KEYS), fieldValue(rng, 'x', 0.5)]);
  if (rng.chance(0.05)) for (let i = 0; i < 3; i++) entries.push([rng.pick(HOSTILE_KEYS), hostileValue(rng)]);
  if (rng.chance(0.1) && names.length) {
    const name = rng.pick(names);
    entries.push([name, fieldValue(rng, name, 0.5)]); // repeated: an array where a scalar is expected
  }
  if (rng.chance(0.05) && names.length) {
    const name = rng.pick(names);
    entries.push([rng.pick([`${name}[]`, `${name}[0]`, `${name}[a]`, `${name}.x`, name.toUpperCase(), ` ${name}`, `${name} `]), validValue(rng, name)]);
  }
  if (rng.chance(0.01)) for (let i = 0; i < 2000; i++) entries.push([`k${i}`, 'v']);
}

function jsonValue(rng: Rng, name: string, schema: Schema | undefined, schemas: Record<string, Schema>, depth: number): unknown {
  if (schema?.$ref) schema = schemas[schema.$ref.split('/').pop()!];
  if (rng.chance(0.1)) return rng.pick(HOSTILE_JSON);
  switch (schema?.type) {
    case 'number':
    case 'integer':
      return rng.chance(0.2) ? rng.pick(HOSTILE_NUMBERS) : rng.pick(NUMBERS[name] ?? [1]);
    case 'boolean':
      return rng.chance(0.1) ? rng.pick(['true', 1, 'yes']) : rng.chance(0.5);
    case 'array': {
      if (rng.chance(0.02)) return Array.from({ length: 5000 }, () => 'a');
      return Array.from({ length: rng.int(4) }, () => jsonValue(rng, name, schema?.items ?? { type: 'string' }, schemas, depth + 1));
    }
    case 'object':
      return objectValue(rng, schema, schemas, depth + 1);
    case 'string':
    default:
      if (schema?.enum && rng.chance(0.8)) return rng.pick(schema.enum);
      return fieldValue(rng, name, 0.25);
  }
}

function objectValue(rng: Rng, schema: Schema | undefined, schemas: Record<string, Schema>, depth: number): Obj {
  const entries: [string, unknown][] = [];
  if (depth > 4) return new Obj(entries);
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) if (rng.chance(0.75)) entries.push([name, jsonValue(rng, name, prop, schemas, depth)]);
  if (schema?.additionalProperties || (!schema?.properties && rng.chance(0.5))) {
    for (let i = rng.int(4); i > 0; i--) entries.push([rng.chance(0.3) ? rng.pick(HOSTILE_KEYS) : `k${i}`, rng.chance(0.8) ? fieldValue(rng, 'v', 0.2) : rng.pick(HOSTILE_JSON)]);
  }
  if (rng.chance(0.2)) entries.push([rng.pick(HOSTILE_KEYS), rng.chance(0.5) ? new Obj([['admin', true]]) : rng.pick(HOSTILE_JSON)]);
  if (rng.chance(0.05) && entries.length) entries.push([entries[0][0], rng.pick(HOSTILE_JSON)]); // a repeated key
  return new Obj(entries);
}

function deepJson(rng: Rng): string {
  const depth = rng.pick([100, 1000, 10_000, 100_000]);
  return rng.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

// A body that is not what the content type says, or is cut short, or carries bytes that are not
// UTF-8.
function damagedBody(rng: Rng, text: string): Buffer {
  switch (rng.int(6)) {
    case 0:
      return Buffer.from(text.slice(0, Math.floor(text.length / 2)));
    case 1: {
      const bytes = Buffer.from(text);
      const at = rng.int(bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]])), bytes.subarray(at)]);
    }
    case 2:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 3:
      return Buffer.from(deepJson(rng));
    case 4:
      return rng.bytes(rng.int(200));
    default:
      return Buffer.from(rng.pick(['', ' ', 'null', '[]', '"x"', '1', '{', '{}}', '{"a":1,}', "{'a':1}", '{"a":NaN}', '\u0000']));
  }
}

function credentials(rng: Rng, ctx: GenContext, route: Route, entries: [string, string][], headers: Record<string, string>): boolean {
  const token = ctx.token;
  if (!ctx.auth || !token) {
    if (rng.chance(0.05)) headers.authorization = rng.pick(['Bearer x', 'Basic x', '']);
    return false;
  }
  if (rng.chance(0.88)) {
    if (route.nacos && rng.chance(0.5)) entries.push(['accessToken', token]);
    else if (route.nacos && rng.chance(0.1)) headers.accesstoken = token;
    else if (route.nacos && rng.chance(0.03) && ctx.adminPassword) entries.push(['username', 'admin'], ['password', ctx.adminPassword]);
    else headers.authorization = `Bearer ${token}`;
    return false;
  }
  const forged = rng.pick([
    '',
    'Bearer',
    'Bearer ',
    'Bearer x',
    `Bearer ${token}x`,
    `Bearer ${token.slice(0, -3)}`,
    `Bearer ${token.split('.').slice(0, 2).join('.')}.`,
    `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"admin","admin":true}').toString('base64url')}.`,
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${'a'.repeat(10_000)}`,
    'Bearer \u00ff\u00fe',
    `bearer ${token}`,
  ]);
  if (route.nacos && rng.chance(0.5)) {
    entries.push(['accessToken', forged.replace(/^Bearer ?/, '')]);
    if (rng.chance(0.2)) entries.push(['accessToken', token]); // repeated: the first one counts
  } else if (route.nacos && rng.chance(0.02)) entries.push(['username', rng.pick(['admin', 'fz-user', ''])], ['password', rng.pick(['wrong-password', '', 'x'.repeat(100)])]);
  else if (forged) headers.authorization = forged;
  return true;
}

function pathOf(rng: Rng, template: string, hostileRate: number): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (!rng.chance(hostileRate)) return encode(validValue(rng, name));
    const v = hostileValue(rng);
    // Some go out as raw bytes (not UTF-8 or not escaped at all), which only a raw request carries.
    return rng.chance(0.1) ? rng.pick(['%ff', '%c0%af', '%', '%zz', '..', '%2e%2e', '%2f', '\xff', '%00']) : encode(v.slice(0, 3000));
  });
}

// One request to a route of either API.
function routeRequest(rng: Rng, ctx: GenContext, route: Route, kind: string): FuzzRequest {
  const headers: Record<string, string> = {};
  let method = route.method;
  if (rng.chance(0.03)) method = rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
  const hostileRate = rng.pick([0.1, 0.3, 0.6]);
  const path = pathOf(rng, route.path, hostileRate);
  const query: [string, string][] = [];
  const fields: [string, string][] = [];
  let body: Buffer | undefined;
  let forged: boolean;

  if (route.nacos) {
    for (const name of route.query) if (rng.chance(0.7)) fields.push([name, fieldValue(rng, name, hostileRate)]);
    mutateEntries(rng, fields, route.query);
    forged = credentials(rng, ctx, route, fields, headers);
    const inBody = (method === 'POST' || method === 'PUT' || method === 'PATCH') && rng.chance(0.8);
    if (!inBody || rng.chance(0.1)) query.push(...(inBody ? fields.splice(0, rng.int(fields.length)) : fields.splice(0)));
    if (inBody) {
      const text = paramText(rng, fields);
      const shape = rng.int(10);
      if (shape < 7) {
        headers['content-type'] = rng.chance(0.9) ? 'application/x-www-form-urlencoded' : rng.pick(['application/x-www-form-urlencoded; charset=UTF-8', 'application/x-www-form-urlencoded; charset=utf-16']);
        body = Buffer.from(text, 'latin1');
      } else if (shape === 7) {
        headers['content-type'] = 'application/json';
        body = Buffer.from(jsonText(new Obj(fields)));
      } else if (shape === 8) {
        headers['content-type'] = rng.pick(CONTENT_TYPES);
        body = rng.chance(0.5) ? Buffer.from(text, 'latin1') : rng.bytes(rng.int(300));
      } else {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = damagedBody(rng, text);
      }
    }
    if (route.path.includes('/cs/')) {
      if (rng.chance(0.1)) headers.casmd5 = rng.chance(0.5) ? 'd41d8cd98f00b204e9800998ecf8427e' : hostileValue(rng).slice(0, 200);
      if (rng.chance(0.05)) headers.betaips = rng.chance(0.5) ? '127.0.0.1,127.0.0.2' : hostileValue(rng).slice(0, 200);
      if (rng.chance(0.1)) headers['long-pulling-timeout'] = rng.pick(['100', '0', '-1', '1e9', 'x', '30000']);
      if (rng.chance(0.05)) headers['long-pulling-timeout-no-hangup'] = rng.pick(['true', 'x']);
      if (rng.chance(0.05)) headers['vipserver-tag'] = rng.pick(['canary', '', 'x'.repeat(300), '\u00ff']);
    }
  } else {
    for (const name of route.query) if (rng.chance(0.5)) query.push([name, fieldValue(rng, name, hostileRate)]);
    mutateEntries(rng, query, route.query);
    forged = credentials(rng, ctx, route, query, headers);
    if (route.body === 'zip') {
      const shape = rng.int(4);
      headers['content-type'] = shape === 3 ? rng.pick(CONTENT_TYPES) : 'application/zip';
      body = shape === 0 ? rng.bytes(rng.int(500)) : hostileZip(rng);
    } else if (route.body || rng.chance(0.05)) {
      const text = jsonText(objectValue(rng, route.body === undefined ? undefined : (route.body as Schema), ctx.schemas, 0));
      const shape = rng.int(20);
      if (shape < 14) {
        headers['content-type'] = 'application/json';
        body = Buffer.from(text);
      } else if (shape < 17) {
        headers['content-type'] = rng.pick(CONTENT_TYPES);
        body = rng.chance(0.5) ? Buffer.from(text) : rng.bytes(rng.int(300));
      } else if (shape === 17) {
        body = Buffer.from(text); // no content type
      } else {
        headers['content-type'] = 'application/json';
        body = damagedBody(rng, text);
      }
    }
  }
  if (rng.chance(0.02)) headers['content-encoding'] = rng.pick(['gzip', 'br', 'x']);
  if (rng.chance(0.02)) headers['x-request-id'] = rng.pick(['../x', 'x'.repeat(300), '\u00ff', '']);
  if (rng.chance(0.02)) headers['x-forwarded-for'] = rng.pick(['127.0.0.2', '1.2.3.4, 127.0.0.1', 'x', '']);
  if (rng.chance(0.02)) headers.accept = rng.pick(['application/xml', '*/*;q=x', '']);
  if (rng.chance(0.01)) headers.cookie = '__proto__=x; a=\u00ff';
  const target = `${path}${query.length ? `?${paramText(rng, query)}` : ''}`;
  // Header values as a client can send them (latin1; no line breaks): bytes above 0x7f stay.
  for (const [name, value] of Object.entries(headers)) headers[name] = value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
  if (method === 'HEAD') body = undefined;
  return { kind: forged ? `${kind} (forged credentials)` : kind, route: `${route.method} ${route.path}`, method, target, headers, body: method === 'GET' && rng.chance(0.9) ? undefined : body };
}

// A request whose framing is broken: read byte for byte by the server's HTTP parser.
function framingRequest(rng: Rng, ctx: GenContext): FuzzRequest {
  const route = rng.pick(ctx.routes);
  const path = pathOf(rng, route.path, 0.2);
  const auth = ctx.token ? `authorization: Bearer ${ctx.token}\r\n` : '';
  const body = route.nacos ? form(route.query.map((n) => [n, validValue(rng, n)])) : '{"name":"fz","content":"a=1","ip":"127.0.0.1","port":8080}';
  const type = route.nacos ? 'application/x-www-form-urlencoded' : 'application/json';
  const head = (extra: string, target = path) => `${route.method} ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${auth}${extra}`;
  let bytes: string;
  let after: 'wait' | 'half-close' | 'reset' = 'wait';
  switch (rng.int(16)) {
    case 0: // a body shorter than announced, then the client stops sending
      bytes = head(`content-type: ${type}\r\ncontent-length: ${body.length + 1 + rng.int(1000)}\r\n\r\n`) + body;
      after = 'half-close';
      break;
    case 1: // the client goes away in the middle of the body
      bytes = head(`content-type: ${type}\r\ncontent-length: ${body.length * 2}\r\n\r\n`) + body;
      after = 'reset';
      break;
    case 2: // the client goes away as soon as the request is sent
      bytes = head(`content-type: ${type}\r\ncontent-length: ${body.length}\r\n\r\n`) + body;
      after = 'reset';
      break;
    case 3: // a body longer than announced: the rest reads as a next request
      bytes = head(`content-type: ${type}\r\ncontent-length: ${Math.floor(body.length / 2)}\r\n\r\n`) + body;
      break;
    case 4: // broken chunked encoding
      bytes = head(`content-type: ${type}\r\ntransfer-encoding: chunked\r\n\r\n`) + rng.pick(['zz\r\nabc\r\n0\r\n\r\n', `${body.length.toString(16)}\r\n${body}\r\n`, 'ffffffffffffffff\r\nx\r\n0\r\n\r\n', '5;' + 'x'.repeat(20_000) + '\r\nhello\r\n0\r\n\r\n', '-1\r\nx\r\n0\r\n\r\n']);
      after = 'half-close'; // a chunk size it declares may be waited for
      break;
    case 5: // both framings at once
      bytes = head(`content-type: ${type}\r\ncontent-length: ${body.length}\r\ntransfer-encoding: chunked\r\n\r\n`) + body;
      break;
    case 6: // header names and values the HTTP grammar forbids
      bytes = head(`${rng.pick(['x y: 1', 'x\u0000: 1', ': empty', 'x:\u0000', 'x: a\rb', 'x\u00ff: 1', '(x): 1'])}\r\n\r\n`);
      break;
    case 7: // bare line feeds
      bytes = `${route.method} ${path} HTTP/1.1\nhost: x\nconnection: close\n\n`;
      break;
    case 8: // HTTP/1.0, no host
      bytes = `${route.method} ${path} HTTP/1.0\r\n${auth}\r\n`;
      break;
    case 9: // absolute-form target and odd targets
      bytes = head('\r\n', rng.pick([`http://127.0.0.1${path}`, '*', `${path}#frag`, `${path}?a=1#?b=2`, path.replace(/^\//, '')]));
      break;
    case 10: // bytes that are not UTF-8, and control characters, in the target
      bytes = head('\r\n', `${path}${rng.pick(['\xff\xfe', '?a=\xff', '?\xc0\xaf=1', '/\xed\xa0\x80', '?a=%ff&b=\x80', '\u0001', ' x', '\t'])}`);
      break;
    case 11: // a very long target, many headers, a very long header
      bytes = rng.chance(0.5) ? head('\r\n', `${path}?q=${'x'.repeat(20_000 + rng.int(60_000))}`) : head(rng.chance(0.5) ? `x-long: ${'y'.repeat(70_000)}\r\n\r\n` : `${Array.from({ length: 3000 }, (_, i) => `x-${i}: 1\r\n`).join('')}\r\n`);
      break;
    case 12: // unknown and unusual methods (a CONNECT tunnel is refused by closing the connection)
      bytes = head('\r\n').replace(route.method, rng.pick(['PROPFIND', 'TRACE', 'CONNECT', 'GETX', 'get', 'M-SEARCH', 'PURGE', 'QUERY', 'BREW']));
      if (bytes.startsWith('CONNECT')) after = 'half-close';
      break;
    case 13: // header values that are not UTF-8
      bytes = head(`content-type: ${type}\r\nx-request-id: \xff\xfe\r\nvipserver-tag: \xc0\xaf\r\naccesstoken: \xff\r\ncontent-length: ${body.length}\r\n\r\n`) + body;
      break;
    case 14: // waits for a go-ahead it does not need
      bytes = head(`content-type: ${type}\r\nexpect: 100-continue\r\ncontent-length: ${body.length}\r\n\r\n`) + body;
      break;
    default: // a second, pipelined request after the first
      bytes = head(`content-type: ${type}\r\ncontent-length: ${body.length}\r\n\r\n`).replace('connection: close\r\n', '') + body + head('\r\n');
  }
  return { kind: 'framing', route: `${route.method} ${route.path}`, method: route.method, target: path, headers: {}, raw: { bytes: Buffer.from(bytes, 'latin1'), after } };
}

// A body just over the server's limit (or a large form just over what the hot routes take).
function oversizedRequest(rng: Rng, ctx: GenContext): FuzzRequest {
  const writes = ctx.routes.filter((r) => r.method !== 'GET');
  const route = rng.pick(writes);
  const headers: Record<string, string> = ctx.token ? { authorization: `Bearer ${ctx.token}` } : {};
  const hotForm = route.nacos && rng.chance(0.3);
  const size = hotForm ? 64 * 1024 + 1 + rng.int(1024) : ctx.bodyLimit + 1 + rng.int(4096);
  headers['content-type'] = route.nacos ? 'application/x-www-form-urlencoded' : rng.pick(['application/json', 'application/zip', 'text/plain', 'application/octet-stream']);
  const fill = route.nacos ? `dataId=fz.properties&group=FZ&serviceName=fz-svc&ip=127.0.0.1&port=8080&content=` : '{"content":"';
  const body = Buffer.alloc(size, 'a');
  body.write(fill);
  if (!route.nacos && rng.chance(0.5)) body.write('"}', size - 2);
  const target = pathOf(rng, route.path, 0);
  if (rng.chance(0.2)) {
    // Chunked: no length announced, the server counts as it reads.
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const head = `${route.method} ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\ntransfer-encoding: chunked\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    return { kind: 'oversized (chunked)', route: `${route.method} ${route.path}`, method: route.method, target, headers: {}, oversized: true, raw: { bytes: Buffer.concat([Buffer.from(head), chunk(body.subarray(0, size >> 1)), chunk(body.subarray(size >> 1)), Buffer.from('0\r\n\r\n')]), after: 'half-close' } };
  }
  return { kind: hotForm ? 'large form' : 'oversized', route: `${route.method} ${route.path}`, method: route.method, target, headers, body, oversized: !hotForm };
}

function otherRequest(rng: Rng, ctx: GenContext): FuzzRequest {
  const path = rng.pick(OTHER_PATHS);
  const headers: Record<string, string> = ctx.token && rng.chance(0.5) ? { authorization: `Bearer ${ctx.token}` } : {};
  const method = rng.chance(0.8) ? 'GET' : rng.pick(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);
  const query = rng.chance(0.3) ? `${path.includes('?') ? '&' : '?'}${form([[rng.pick(HOSTILE_KEYS), hostileValue(rng)]])}` : '';
  const body = method === 'POST' ? Buffer.from(rng.pick(['0{"sid":1}', '2probe', '42["subscribe",{"kind":"overview"}]', 'x'.repeat(1000), '\xff'])) : undefined;
  if (body) headers['content-type'] = rng.pick(['text/plain;charset=UTF-8', 'application/octet-stream']);
  return { kind: 'other paths', route: `${method} ${path.split('?')[0]}`, method, target: path + query, headers, body };
}

// The i-th request of a run.
export function generate(rng: Rng, ctx: GenContext): FuzzRequest {
  const roll = rng.next();
  if (roll < 0.08) return framingRequest(rng, ctx);
  if (roll < 0.1) return oversizedRequest(rng, ctx);
  if (roll < 0.12) return otherRequest(rng, ctx);
  const nacos = rng.chance(0.5);
  const candidates = ctx.routes.filter((r) => !!r.nacos === nacos);
  const route = rng.pick(candidates);
  return routeRequest(rng, ctx, route, nacos ? 'nacos' : 'rest');
}
