import type { WebhookEventType } from '@switchboard/shared';
import type { ConfigPublished, ConfigDeleted } from '../../config-center/domain/config.events';
import type { CanaryChanged } from '../../config-center/canary/domain/canary.events';
import type { ChangeRequestChanged } from '../../governance/domain/change-request.events';
import type { InstanceChanged } from '../../naming/domain/naming.events';
import { SYSTEM_ACTOR } from '../../identity/actor';

// What a domain event becomes for webhooks: its type, namespace, actor and subject. Only the
// subject's identity and metadata (key, version, md5, canary target, request title...), never
// config content or any secret.
export interface WebhookEventBody {
  type: WebhookEventType;
  namespaceId: string | null;
  actor: string;
  at: Date;
  data: Record<string, unknown>;
}

export function fromConfigPublished(e: ConfigPublished): WebhookEventBody {
  const { key, version, md5, type } = e.config;
  return { type: e.op === 'rollback' ? 'config.rolled-back' : 'config.published', namespaceId: key.namespaceId, actor: e.actor.user, at: e.at, data: { group: key.group, dataId: key.dataId, version, md5, contentType: type, op: e.op ?? null } };
}

export function fromConfigDeleted(e: ConfigDeleted): WebhookEventBody {
  const { key, version } = e.config;
  return { type: 'config.deleted', namespaceId: key.namespaceId, actor: e.actor.user, at: e.at, data: { group: key.group, dataId: key.dataId, version } };
}

// Steps and retargets are not delivered; an abort by the system is the health gate rolling back.
export function fromCanaryChanged(e: CanaryChanged): WebhookEventBody | null {
  const type: WebhookEventType | null =
    e.action === 'started' ? 'canary.started' : e.action === 'promoted' ? 'canary.promoted' : e.action === 'aborted' ? (e.actor.user === SYSTEM_ACTOR.user ? 'canary.auto-rolled-back' : 'canary.aborted') : null;
  if (!type) return null;
  const c = e.canary;
  return {
    type,
    namespaceId: c.key.namespaceId,
    actor: e.actor.user,
    at: e.at,
    data: { group: c.key.group, dataId: c.key.dataId, canaryId: c.id, baseVersion: c.baseVersion, candidateMd5: c.candidate.md5, target: { ips: [...c.target.ips], tags: [...c.target.tags], weight: c.target.weight }, reason: e.reason },
  };
}

export function fromChangeRequestChanged(e: ChangeRequestChanged): WebhookEventBody | null {
  const type: WebhookEventType | null =
    e.transition === 'opened' ? 'change-request.opened' : e.transition === 'approved' ? 'change-request.approved' : e.transition === 'applied' ? 'change-request.applied' : null;
  if (!type) return null;
  const r = e.request;
  return {
    type,
    namespaceId: r.namespaceId,
    actor: e.actor.user,
    at: e.at,
    data: { requestId: r.id, title: r.title, state: r.state, author: r.author, approvals: r.approvals.length, requiredApprovals: e.requiredApprovals, configs: r.items.map((i) => `${i.group}/${i.dataId}`) },
  };
}

// Only the turn from healthy to unhealthy.
export function fromInstanceChanged(e: InstanceChanged): WebhookEventBody | null {
  if (e.change !== 'healthChanged' || e.instance.healthy || e.previous?.healthy !== true) return null;
  const key = e.service.key;
  const i = e.instance;
  return { type: 'instance.unhealthy', namespaceId: key.namespaceId, actor: e.caller.user, at: e.at, data: { group: key.groupName, serviceName: key.serviceName, cluster: i.clusterName, ip: i.ip, port: i.port, instance: `${i.ip}:${i.port}` } };
}
