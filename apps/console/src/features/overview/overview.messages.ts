// Messages of the overview pages (English is the source of the keys; Chinese must match them).
const en = {
  'nav.overview': 'Overview',
} as const satisfies Record<string, string>;

const zh: Record<keyof typeof en, string> = {
  'nav.overview': '概览',
};

export const overviewMessages = { en, zh };
