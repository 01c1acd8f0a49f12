import { DEFAULT_NAMESPACE_ID } from '@switchboard/shared';
import { matchPath } from 'react-router-dom';

// Namespace-scoped pages live under /ns/:namespaceId/<section>/..., so a link names its
// namespace and can be shared. The last namespace visited is remembered for the navigation.
export const NAMESPACE_STORAGE_KEY = 'switchboard.namespace';
export const NAMESPACED_PREFIX = '/ns/:namespaceId';

export function namespaceInPath(pathname: string): string | undefined {
  const match = matchPath({ path: `${NAMESPACED_PREFIX}/*` }, pathname);
  return match?.params.namespaceId ? decodeURIComponent(match.params.namespaceId) : undefined;
}

export function sectionInPath(pathname: string): string | undefined {
  const match = matchPath({ path: `${NAMESPACED_PREFIX}/:section/*` }, pathname);
  return match?.params.section;
}

// `/ns/<namespace>/<rest>`, each part encoded.
export function namespacePath(namespaceId: string, ...rest: string[]): string {
  return ['', 'ns', namespaceId, ...rest].map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join('/');
}

export function rememberedNamespace(): string {
  try {
    return window.localStorage.getItem(NAMESPACE_STORAGE_KEY) || DEFAULT_NAMESPACE_ID;
  } catch {
    return DEFAULT_NAMESPACE_ID;
  }
}

export function rememberNamespace(namespaceId: string): void {
  try {
    window.localStorage.setItem(NAMESPACE_STORAGE_KEY, namespaceId);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
