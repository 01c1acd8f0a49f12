// Input rules for namespaces, shared so the console can check them before sending.
// They follow Nacos: ids are word characters and dashes, names exclude @#$%^&*.
export const NAMESPACE_RULES = {
  idPattern: /^[A-Za-z0-9_-]+$/,
  idMaxLength: 128,
  namePattern: /^[^@#$%^&*]+$/,
  nameMaxLength: 128,
  descriptionMaxLength: 256,
  configQuotaMin: 0,
  configQuotaMax: 1_000_000,
} as const;

export const NAMESPACE_RULE_TEXT = {
  id: `letters, digits, "_" and "-" only, 1 to ${NAMESPACE_RULES.idMaxLength} characters`,
  name: `1 to ${NAMESPACE_RULES.nameMaxLength} characters, none of @ # $ % ^ & *`,
  description: `at most ${NAMESPACE_RULES.descriptionMaxLength} characters`,
  configQuota: `an integer from ${NAMESPACE_RULES.configQuotaMin} to ${NAMESPACE_RULES.configQuotaMax}`,
} as const;
