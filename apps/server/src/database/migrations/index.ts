import { CreateNamespaces1764057600000 } from './1764057600000-create-namespaces';

// Every migration, oldest first. Run at start-up; never `synchronize` outside tests.
export const MIGRATIONS = [CreateNamespaces1764057600000];
