import type { Extension } from '@codemirror/state';
import type { ConfigType } from '@switchboard/shared';

// Each language is its own chunk, fetched the first time a config of that type is shown (HTML
// alone brings CSS and JavaScript along). Stream languages are built once, in their loader.
const LOADERS: Record<ConfigType, () => Promise<Extension>> = {
  text: async () => [],
  json: () => import('@codemirror/lang-json').then((m) => m.json()),
  yaml: () => import('@codemirror/lang-yaml').then((m) => m.yaml()),
  xml: () => import('@codemirror/lang-xml').then((m) => m.xml()),
  html: () => import('@codemirror/lang-html').then((m) => m.html()),
  properties: () =>
    Promise.all([import('@codemirror/language'), import('@codemirror/legacy-modes/mode/properties')]).then(([l, m]) =>
      l.StreamLanguage.define(m.properties),
    ),
  toml: () =>
    Promise.all([import('@codemirror/language'), import('@codemirror/legacy-modes/mode/toml')]).then(([l, m]) =>
      l.StreamLanguage.define(m.toml),
    ),
};

const loaded = new Map<ConfigType, Promise<Extension>>();

// Syntax highlighting for a config type; plain text has none. A language that fails to load
// leaves the text unhighlighted (and is tried again next time).
export function loadLanguage(type: ConfigType): Promise<Extension> {
  let pending = loaded.get(type);
  if (!pending) {
    pending = LOADERS[type]().catch(() => {
      loaded.delete(type);
      return [];
    });
    loaded.set(type, pending);
  }
  return pending;
}
