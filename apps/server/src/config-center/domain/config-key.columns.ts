import { PrimaryColumn } from 'typeorm';

// The key of a config as the leading primary-key columns of a table (heads, versions, canaries);
// entities extend it (TypeORM inherits the columns of an undecorated base class).
export abstract class ConfigKeyColumns {
  @PrimaryColumn({ name: 'namespace_id', type: 'varchar', length: 128 })
  namespaceId: string;

  @PrimaryColumn({ name: 'group_name', type: 'varchar', length: 128 })
  group: string;

  @PrimaryColumn({ name: 'data_id', type: 'varchar', length: 256 })
  dataId: string;
}
