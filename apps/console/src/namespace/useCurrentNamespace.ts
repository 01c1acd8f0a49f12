import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { namespaceInPath, rememberedNamespace, rememberNamespace } from './current-namespace';

// The namespace of the page being shown (from the URL), else the one visited last.
export function useCurrentNamespace(): { namespaceId: string; inPath: boolean } {
  const { pathname } = useLocation();
  const fromPath = namespaceInPath(pathname);
  useEffect(() => {
    if (fromPath) rememberNamespace(fromPath);
  }, [fromPath]);
  return { namespaceId: fromPath ?? rememberedNamespace(), inPath: fromPath !== undefined };
}
