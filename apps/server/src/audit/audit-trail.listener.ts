import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../auth/audit.service';
import { DomainEvents } from '../common/events/domain-events';
import '../namespaces/domain/namespace.events';
import '../naming/domain/naming.events';
import '../config-center/domain/config.events';
import '../config-center/canary/domain/canary.events';
import '../ops/backup/backup.events';
import '../governance/domain/change-request.events';
import type { Actor } from '../identity/actor';

// How a config change was allowed where review is required: the change request it carries out, or
// the publish-direct right of the caller's token.
const authority = (actor: Actor) => ({ ...(actor.changeRequest ? { changeRequest: actor.changeRequest } : {}), ...(actor.publishDirect ? { publishDirect: true } : {}) });

// Every area's changes, as their domain events report them, into the audit trail. It sits above
// the areas (it knows their events); the trail itself (auth/audit.service.ts) sits below them.
@Injectable()
export class AuditTrailListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.unsubscribers.push(
      this.events.on('namespace.changed', (e) => this.audit.record({ action: `namespace.${e.change}`, targetType: 'namespace', target: e.namespace.namespaceId, namespaceId: e.namespace.namespaceId, details: { name: e.namespace.name, reviewMode: e.namespace.reviewMode, reviewMinApprovals: e.namespace.reviewMinApprovals } }, e.caller)),
      this.events.on('naming.serviceChanged', (e) =>
        this.audit.record({ action: `service.${e.change}`, targetType: 'service', target: `${e.service.key.groupName}@@${e.service.key.serviceName}`, namespaceId: e.service.key.namespaceId, details: { protectThreshold: e.service.protectThreshold } }, e.caller),
      ),
      this.events.on('naming.instanceChanged', (e) => {
        // Health flips and expiries are the system's observations, not changes someone made.
        if (e.change === 'healthChanged' || e.change === 'expired') return;
        const key = e.service.key;
        this.audit.record({
          action: `instance.${e.change}`,
          targetType: 'instance',
          target: `${key.groupName}@@${key.serviceName} ${e.instance.clusterName} ${e.instance.ip}:${e.instance.port}`,
          namespaceId: key.namespaceId,
          details: { weight: e.instance.weight, enabled: e.instance.enabled, ephemeral: e.instance.ephemeral, tags: e.instance.tags.join(',') },
        }, e.caller);
      }),
      this.events.on('ops.backupTaken', (e) =>
        this.audit.record({ action: 'backup.download', targetType: 'backup', target: e.fileName, namespaceId: null, details: { databaseType: e.databaseType, tables: e.tables, migrations: e.migrations } }, e.actor),
      ),
      this.events.on('config.published', (e) =>
        this.audit.record({ action: 'config.publish', targetType: 'config', target: `${e.config.key.group}/${e.config.key.dataId}`, namespaceId: e.config.key.namespaceId, details: { version: e.config.version, md5: e.config.md5, type: e.config.type, ...authority(e.actor) } }, e.actor),
      ),
      this.events.on('config.canaryChanged', (e) => {
        const c = e.canary;
        // Plan steps and the health gate act as the system; the caller of a request otherwise.
        const details = { canaryId: c.id, revision: c.revision, weight: c.target.weight, ips: c.target.ips.length, tags: c.target.tags.join(','), md5: c.candidate.md5, reason: e.reason, ...authority(e.actor) };
        this.audit.record({ action: `canary.${e.action}`, targetType: 'canary', target: `${c.key.group}/${c.key.dataId}`, namespaceId: c.key.namespaceId, details }, e.actor);
      }),
      this.events.on('governance.changeRequestChanged', (e) => {
        const r = e.request;
        const details = { title: r.title, state: r.state, revision: r.revision, approvals: r.approvals.length, requiredApprovals: e.requiredApprovals, configs: r.items.map((i) => `${i.group}/${i.dataId}`).join(',') };
        this.audit.record({ action: `change-request.${e.transition}`, targetType: 'change-request', target: r.id, namespaceId: r.namespaceId, details }, e.actor);
      }),
      this.events.on('config.deleted', (e) =>
        this.audit.record({ action: 'config.delete', targetType: 'config', target: `${e.config.key.group}/${e.config.key.dataId}`, namespaceId: e.config.key.namespaceId, details: { version: e.config.version, ...authority(e.actor) } }, e.actor),
      ),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }
}
