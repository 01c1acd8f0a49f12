import type { ConfigKey } from '@switchboard/shared';

// The path parameters of one config (`.../configs/:group/:dataId`).
export type ConfigParams = { namespaceId: string; group: string; dataId: string };

// Only the key's own fields, whatever else the route carries.
export const configKeyOf = (p: ConfigParams): ConfigKey => ({ namespaceId: p.namespaceId, group: p.group, dataId: p.dataId });
