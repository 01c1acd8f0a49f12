// Messages of the services pages (English is the source of the keys; Chinese must match them).
const en = {
  'nav.services': 'Services',
} as const satisfies Record<string, string>;

const zh: Record<keyof typeof en, string> = {
  'nav.services': '服务',
};

export const servicesMessages = { en, zh };
