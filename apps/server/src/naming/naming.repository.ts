import { Injectable } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import { DataSource, type Repository } from 'typeorm';
import { DatabaseWriter } from '../database/database-writer';
import { PersistentInstanceEntity } from './domain/persistent-instance.entity';
import { ServiceEntity } from './domain/service.entity';

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
    await this.writer.write(() => this.services.insert(service));
  }

  async updateService(service: ServiceEntity): Promise<void> {
    const { namespaceId, groupName, serviceName, ...fields } = service;
    await this.writer.write(() => this.services.update({ namespaceId, groupName, serviceName }, fields));
  }

  async deleteService(key: ServiceKey): Promise<boolean> {
    const result = await this.writer.write(() => this.services.delete({ namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName }));
    return (result.affected ?? 0) > 0;
  }

  // Insert or replace: a re-registration of a persistent instance overwrites it.
  async savePersistentInstance(instance: PersistentInstanceEntity): Promise<void> {
    await this.writer.write(() => this.instances.upsert(instance, ['namespaceId', 'groupName', 'serviceName', 'clusterName', 'ip', 'port']));
  }

  async deletePersistentInstance(key: ServiceKey, clusterName: string, ip: string, port: number): Promise<void> {
    await this.writer.write(() => this.instances.delete({ namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName, clusterName, ip, port }));
  }

  async countPersistentInstancesOfNamespace(namespaceId: string): Promise<number> {
    return this.instances.countBy({ namespaceId });
  }
}
