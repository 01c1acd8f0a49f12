import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useNamespaces } from '../features/namespaces/hooks/useNamespaces';
import { useI18n } from '../i18n/useI18n';
import { namespacePath, sectionInPath } from './current-namespace';
import { useCurrentNamespace } from './useCurrentNamespace';

// Shown on namespace-scoped pages: switching keeps the section (services, configs, ...) and
// opens its list in the other namespace (a detail page has no twin there).
export function NamespaceSwitcher() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { namespaceId, inPath } = useCurrentNamespace();
  const { items } = useNamespaces();
  if (!inPath) return null;
  const section = sectionInPath(pathname) ?? 'services';
  const options = items.map((ns) => ({ value: ns.namespaceId, label: ns.name === ns.namespaceId ? ns.name : `${ns.name} (${ns.namespaceId})` }));
  if (!options.some((o) => o.value === namespaceId)) options.unshift({ value: namespaceId, label: namespaceId });
  return (
    <Select
      aria-label={t('namespaceSwitcher.label')}
      data-testid="namespace-switcher"
      value={namespaceId}
      options={options}
      showSearch
      optionFilterProp="label"
      style={{ minWidth: 200 }}
      onChange={(next: string) => navigate(namespacePath(next, section))}
    />
  );
}
