// Messages of the canary pages (English is the source of the keys; Chinese must match them).
const en = {
  'nav.canary': 'Canary releases',
} as const satisfies Record<string, string>;

const zh: Record<keyof typeof en, string> = {
  'nav.canary': '灰度发布',
};

export const canaryMessages = { en, zh };
