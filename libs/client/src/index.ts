export { createClient, type ClientOptions, type SwitchboardClient } from './client.js';
export { SwitchboardError, ConfigParseError, type ClientErrorCode, type ConfigFormat } from './errors.js';
export { ADMIN_AREAS, type Admin, type EndpointCall } from './admin.js';
export type { AnyEndpoint, CallArgs, CallInput } from './http.js';
export type { ConfigApi, ConfigEntry, ConfigListener, ConfigWatch, WatchOptions } from './config.js';
export { parseJson, parseYaml, parseProperties, parseToml } from './config-parse.js';
export type { NamingApi, ServiceRef, DiscoverOptions, PickOptions, LiveInstances } from './naming.js';
export { selectInstances, pickWeighted, pickInstance, type InstanceFilter } from './instance-pick.js';
export type { ConfigSnapshot } from './snapshots.js';
// The wire types the calls above take and answer, so an application needs no other package.
export type {
  ConfigKey,
  ConfigType,
  ConfigView,
  ErrorCode,
  FieldViolation,
  InstanceListView,
  InstanceView,
  RegisterInstanceRequest,
  ServiceKey,
  ServiceView,
} from '@switchboard/shared';
