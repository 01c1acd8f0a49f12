import { AccessTokenEntity, AuditEventEntity, PermissionEntity, RoleBindingEntity, UserEntity } from '../auth/domain/auth.entities';
import { ConfigCanaryEntity, ConfigCanaryEventEntity } from '../config-center/canary/domain/canary.entities';
import { ConfigVersionEntity } from '../config-center/domain/config-version.entity';
import { ConfigEntity } from '../config-center/domain/config.entity';
import { NamespaceEntity } from '../namespaces/domain/namespace.entity';
import { PersistentInstanceEntity } from '../naming/domain/persistent-instance.entity';
import { ServiceEntity } from '../naming/domain/service.entity';

export const ENTITIES = [NamespaceEntity, ServiceEntity, PersistentInstanceEntity, ConfigEntity, ConfigVersionEntity, ConfigCanaryEntity, ConfigCanaryEventEntity, UserEntity, RoleBindingEntity, PermissionEntity, AccessTokenEntity, AuditEventEntity];
