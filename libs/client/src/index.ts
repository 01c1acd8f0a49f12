export { createClient, type ClientOptions, type SwitchboardClient } from './client.js';
export { SwitchboardError, type ClientErrorCode } from './errors.js';
export { ADMIN_AREAS, type Admin, type EndpointCall } from './admin.js';
export type { AnyEndpoint, CallArgs, CallInput } from './http.js';
