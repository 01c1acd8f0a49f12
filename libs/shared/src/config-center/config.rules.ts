// Input rules for configs, shared so the console can check them before sending. They follow
// Nacos (ParamUtils): dataId and group are letters, digits and _-.: (unicode letters allowed).
export const CONFIG_RULES = {
  idPattern: /^[\p{L}\p{N}_\-.:]+$/u,
  dataIdMaxLength: 256,
  groupMaxLength: 128,
  appNameMaxLength: 128,
  descriptionMaxLength: 1024,
  tagPattern: /^[^,\s]{1,64}$/,
  maxTags: 10,
  defaultMaxContentBytes: 10 * 1024 * 1024, // server setting CONFIG_MAX_CONTENT_BYTES
  // Search: a dataId, group or appName pattern ("*" matches any run of characters in blur mode).
  searchPatternMaxLength: 256,
  searchMaxWildcards: 16,
  // Nacos long polling: configs one Listening-Configs request may watch.
  maxListeningConfigs: 10_000,
  // Import of a zip archive (its bytes are bounded by the server setting BODY_LIMIT_BYTES).
  importMaxEntries: 10_000,
  importMaxTotalBytes: 200 * 1024 * 1024, // uncompressed, over every entry read
} as const;

export const CONFIG_RULE_TEXT = {
  dataId: `letters, digits, "_", "-", "." and ":", 1 to ${CONFIG_RULES.dataIdMaxLength} characters`,
  group: `letters, digits, "_", "-", "." and ":", 1 to ${CONFIG_RULES.groupMaxLength} characters`,
  tag: `1 to 64 characters without commas or spaces; at most ${CONFIG_RULES.maxTags} tags`,
  searchPattern: `at most ${CONFIG_RULES.searchPatternMaxLength} characters with at most ${CONFIG_RULES.searchMaxWildcards} "*"`,
} as const;
