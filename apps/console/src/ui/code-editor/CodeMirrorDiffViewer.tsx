import { MergeView } from '@codemirror/merge';
import { EditorView } from '@codemirror/view';
import { theme } from 'antd';
import { useEffect, useRef } from 'react';
import type { DiffViewerProps } from './code-editor.types';
import { diffTheme, viewingExtensions } from './editor-extensions';
import { loadLanguage } from './languages';

// Two read-only editors side by side with the changed lines and characters marked (CodeMirror's
// merge view). Loaded on demand by LazyDiffViewer.
export default function CodeMirrorDiffViewer({
  original,
  modified,
  type,
  originalLabel,
  modifiedLabel,
  height = 360,
  testId,
}: DiffViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const { token } = theme.useToken();
  const border = token.colorBorder;

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    let merge: MergeView | undefined;
    let cancelled = false;
    void loadLanguage(type).then((language) => {
      if (cancelled) return;
      const side = (label: string, divider: boolean) => [
        viewingExtensions(),
        language,
        diffTheme,
        divider ? EditorView.theme({ '&': { borderRight: `1px solid ${border}` } }) : [],
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ];
      merge = new MergeView({
        a: { doc: original, extensions: side(originalLabel, true) },
        b: { doc: modified, extensions: side(modifiedLabel, false) },
        parent,
        gutter: true,
        collapseUnchanged: { margin: 3, minSize: 12 },
      });
    });
    return () => {
      cancelled = true;
      merge?.destroy();
    };
  }, [original, modified, type, originalLabel, modifiedLabel, border]);

  const label = { padding: '6px 12px', fontWeight: 500, background: token.colorFillQuaternary };
  return (
    <div
      data-testid={testId}
      style={{ border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius, overflow: 'hidden' }}
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', borderBottom: `1px solid ${token.colorBorder}` }}>
        <div style={label} data-testid={testId && `${testId}-original-label`}>
          {originalLabel}
        </div>
        <div style={{ ...label, borderLeft: `1px solid ${token.colorBorder}` }} data-testid={testId && `${testId}-modified-label`}>
          {modifiedLabel}
        </div>
      </div>
      {/* A scrollable region (as tall as the texts, at most `height`): keyboard users reach it
          with Tab and scroll with the arrow keys. */}
      <div
        ref={host}
        role="region"
        aria-label={`${originalLabel} ↔ ${modifiedLabel}`}
        tabIndex={0}
        style={{ maxHeight: height, overflow: 'auto' }}
      />

    </div>
  );
}
