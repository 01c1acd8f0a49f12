import { DEFAULT_CLUSTER, DEFAULT_GROUP } from '../common/defaults';

// Input rules for the registry, shared so the console can check them before sending.
export const NAMING_RULES = {
  namePattern: /^(?!.*@@)[^\s/\\?#%]+$/, // no whitespace, no path or query characters, no "@@"
  nameMaxLength: 256,
  clusterPattern: /^[A-Za-z0-9_.-]+$/,
  clusterMaxLength: 64,
  weightMin: 0,
  weightMax: 10_000,
  tagPattern: /^[A-Za-z0-9_.:-]{1,64}$/,
  maxTags: 32,
  metadataKeyMaxLength: 128,
  metadataValueMaxLength: 4096,
  maxMetadataEntries: 64,
  metadataMaxBytes: 32 * 1024, // keys and values together, UTF-8
  maxClustersInQuery: 64, // cluster names one discovery query may filter on
} as const;

export const NAMING_RULE_TEXT = {
  name: `1 to ${NAMING_RULES.nameMaxLength} characters without spaces, "/", "\\", "?", "#", "%" or "@@"`,
  cluster: `letters, digits, "_", "." and "-", 1 to ${NAMING_RULES.clusterMaxLength} characters`,
  weight: `a number from ${NAMING_RULES.weightMin} to ${NAMING_RULES.weightMax}`,
  port: 'an integer from 1 to 65535',
  ip: 'an IPv4 or IPv6 address or a host name',
  protectThreshold: 'a number from 0 to 1',
  tag: `letters, digits, "_", ".", ":" and "-", 1 to 64 characters; at most ${NAMING_RULES.maxTags} tags`,
  metadata: `at most ${NAMING_RULES.maxMetadataEntries} string entries, keys up to ${NAMING_RULES.metadataKeyMaxLength} and values up to ${NAMING_RULES.metadataValueMaxLength} characters, ${NAMING_RULES.metadataMaxBytes} bytes (UTF-8) in all`,
} as const;

export const NAMING_DEFAULTS = { groupName: DEFAULT_GROUP, clusterName: DEFAULT_CLUSTER, weight: 1 } as const;

// The conventional tag for canary instances.
export const CANARY_TAG = 'canary';
