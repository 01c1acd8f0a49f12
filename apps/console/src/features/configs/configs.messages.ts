// Messages of the configs pages (English is the source of the keys; Chinese must match them).
const en = {
  'nav.configs': 'Configurations',
} as const satisfies Record<string, string>;

const zh: Record<keyof typeof en, string> = {
  'nav.configs': '配置',
};

export const configsMessages = { en, zh };
