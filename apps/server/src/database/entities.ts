import { NamespaceEntity } from '../namespaces/domain/namespace.entity';

export const ENTITIES = [NamespaceEntity];
