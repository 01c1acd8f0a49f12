import {
  CONFIG_CENTER_ENDPOINTS as E,
  NAMING_ENDPOINTS,
  type AbortCanaryRequest,
  type ConfigKey,
  type ListCanaryEventsQuery,
  type PromoteCanaryRequest,
  type StartCanaryRequest,
  type UpdateCanaryRequest,
} from '@switchboard/shared';
import { callEndpoint } from './http-client';

// Canary releases of a config (at most one active per config).
export const listCanaries = (namespaceId: string, signal?: AbortSignal) =>
  callEndpoint(E.listCanaries, { params: { namespaceId }, signal });

export const getCanary = (key: ConfigKey, signal?: AbortSignal) =>
  callEndpoint(E.getCanary, { params: key, signal });

export const startCanary = (key: ConfigKey, body: StartCanaryRequest) =>
  callEndpoint(E.startCanary, { params: key, body });

export const updateCanary = (key: ConfigKey, body: UpdateCanaryRequest) =>
  callEndpoint(E.updateCanary, { params: key, body });

export const promoteCanary = (key: ConfigKey, body: PromoteCanaryRequest = {}) =>
  callEndpoint(E.promoteCanary, { params: key, body });

export const abortCanary = (key: ConfigKey, body: AbortCanaryRequest = {}) =>
  callEndpoint(E.abortCanary, { params: key, body });

export const getCanaryRollout = (key: ConfigKey, signal?: AbortSignal) =>
  callEndpoint(E.canaryRollout, { params: key, signal });

export const listCanaryEvents = (
  key: ConfigKey,
  query: ListCanaryEventsQuery = {},
  signal?: AbortSignal,
) => callEndpoint(E.listCanaryEvents, { params: key, query, signal });

// The stable config a canary starts from (its content prefills the candidate).
export const getStableConfig = (key: ConfigKey, signal?: AbortSignal) =>
  callEndpoint(E.getConfig, { params: key, signal });

// Services of the namespace a plan's health gate can watch.
export const listGuardServices = (namespaceId: string, signal?: AbortSignal) =>
  callEndpoint(NAMING_ENDPOINTS.listServices, {
    params: { namespaceId },
    query: { pageSize: 500 },
    signal,
  });
