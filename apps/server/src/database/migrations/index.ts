import { CreateNamespaces1764057600000 } from './1764057600000-create-namespaces';
import { CreateRegistry1764144000000 } from './1764144000000-create-registry';
import { CreateConfigCenter1764230400000 } from './1764230400000-create-config-center';
import { CreateAuth1764316800000 } from './1764316800000-create-auth';
import { CreateCanaries1764403200000 } from './1764403200000-create-canaries';
import { LoginLockoutsPerAddress1765065600000 } from './1765065600000-login-lockouts-per-address';
import { CreateChangeFeed1765929600000 } from './1765929600000-create-change-feed';
import { ChangeGovernance1766880000000 } from './1766880000000-change-governance';
import { CreateWebhooks1767100000000 } from './1767100000000-create-webhooks';

// Every migration, oldest first. Run at start-up; never `synchronize` outside tests.
export const MIGRATIONS = [CreateNamespaces1764057600000, CreateRegistry1764144000000, CreateConfigCenter1764230400000, CreateAuth1764316800000, CreateCanaries1764403200000, LoginLockoutsPerAddress1765065600000, CreateChangeFeed1765929600000, ChangeGovernance1766880000000, CreateWebhooks1767100000000];
