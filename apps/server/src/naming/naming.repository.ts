import { Injectable } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import { DataSource, type Repository } from 'typeorm';
import type { FeedEntry } from '../database/change-feed';
import { DatabaseWriter } from '../database/database-writer';
import { PersistentInstanceEntity } from './domain/persistent-instance.entity';
import { ServiceEntity } from './domain/service.entity';

// Services and persistent instances in the change feed (cluster mode): their keys as JSON.
export const SERVICE_FEED = 'service';
export const INSTANCE_FEED = 'instance';
export interface InstanceFeedKey extends ServiceKey {
  clusterName: string;
  ip: string;
  port: number;
}
const serviceFeed = (key: ServiceKey): FeedEntry[] => [{ area: SERVICE_FEED, key: JSON.stringify({ namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName }) }];
const instanceFeed = (key: InstanceFeedKey): FeedEntry[] => [
  { area: INSTANCE_FEED, key: JSON.stringify({ namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName, clusterName: key.clusterName, ip: key.ip, port: key.port }) },
];

// Durable record of services and persistent instances; the registry in memory serves reads.
@Injectable()
export class NamingRepository {
  private readonly services: Repository<ServiceEntity>;
  private readonly instances: Repository<PersistentInstanceEntity>;

  constructor(
    dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.services = dataSource.getRepository(ServiceEntity);
    this.instances = dataSource.getRepository(PersistentInstanceEntity);
  }

  findAllServices(): Promise<ServiceEntity[]> {
    return this.services.find();
  }

  findService(key: ServiceKey): Promise<ServiceEntity | null> {
    return this.services.findOneBy({ namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName });
  }

  findAllPersistentInstances(): Promise<PersistentInstanceEntity[]> {
    return this.instances.find();
  }

  async insertService(service: ServiceEntity): Promise<void> {
    await this.writer.transaction((manager) => manager.insert(ServiceEntity, service), undefined, serviceFeed(service));
  }

  async updateService(service: ServiceEntity): Promise<void> {
    const { namespaceId, groupName, serviceName, ...fields } = service;
    await this.writer.transaction((manager) => manager.update(ServiceEntity, { namespaceId, groupName, serviceName }, fields), undefined, serviceFeed(service));
  }

  async deleteService(key: ServiceKey): Promise<boolean> {
    const result = await this.writer.transaction((manager) => manager.delete(ServiceEntity, { namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName }), undefined, serviceFeed(key));
    return (result.affected ?? 0) > 0;
  }

  // Insert or replace: a re-registration of a persistent instance overwrites it.
  async savePersistentInstance(instance: PersistentInstanceEntity): Promise<void> {
    await this.writer.transaction((manager) => manager.upsert(PersistentInstanceEntity, instance, ['namespaceId', 'groupName', 'serviceName', 'clusterName', 'ip', 'port']), undefined, instanceFeed(instance));
  }

  async deletePersistentInstance(key: ServiceKey, clusterName: string, ip: string, port: number): Promise<void> {
    await this.writer.transaction((manager) => manager.delete(PersistentInstanceEntity, { namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName, clusterName, ip, port }), undefined, instanceFeed({ ...key, clusterName, ip, port }));
  }

  findPersistentInstance(key: InstanceFeedKey): Promise<PersistentInstanceEntity | null> {
    return this.instances.findOneBy({ namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName, clusterName: key.clusterName, ip: key.ip, port: key.port });
  }

  async countPersistentInstancesOfNamespace(namespaceId: string): Promise<number> {
    return this.instances.countBy({ namespaceId });
  }
}
