import { useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';
import type { EditorPhrases } from './code-editor.types';

// CodeMirror's own texts (search panel, lint panel), keyed by their English originals.
export function useEditorPhrases(): EditorPhrases {
  const { t } = useI18n();
  return useMemo(
    () => ({
      Find: t('configs.cm.find'),
      Replace: t('configs.cm.replace'),
      next: t('configs.cm.next'),
      previous: t('configs.cm.previous'),
      all: t('configs.cm.all'),
      'match case': t('configs.cm.matchCase'),
      regexp: t('configs.cm.regexp'),
      'by word': t('configs.cm.byWord'),
      replace: t('configs.cm.replaceOne'),
      'replace all': t('configs.cm.replaceAll'),
      close: t('configs.cm.close'),
      'Go to line': t('configs.cm.gotoLine'),
      go: t('configs.cm.go'),
      Diagnostics: t('configs.cm.diagnostics'),
      'No diagnostics': t('configs.cm.noDiagnostics'),
    }),
    [t],
  );
}
