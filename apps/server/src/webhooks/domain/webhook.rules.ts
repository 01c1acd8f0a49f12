import { WEBHOOK_EVENTS, WEBHOOK_RULES, type FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../common/errors/domain-error';

export interface WebhookInput {
  name?: string;
  url?: string;
  events?: readonly string[];
  secret?: string;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(WEBHOOK_EVENTS);

// Pure checks of a hook's fields, for create (every required field) and update (those given).
export function checkWebhookInput(input: WebhookInput, mode: 'create' | 'update'): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const { name, url, events, secret } = input;
  if (name === undefined) {
    if (mode === 'create') violations.push(fieldViolation('name', 'required', 'is required'));
  } else if (name.trim().length === 0 || name.length > WEBHOOK_RULES.nameMaxLength) {
    violations.push(fieldViolation('name', 'length', `must be 1 to ${WEBHOOK_RULES.nameMaxLength} characters`));
  }
  if (url === undefined) {
    if (mode === 'create') violations.push(fieldViolation('url', 'required', 'is required'));
  } else {
    const problem = urlProblem(url);
    if (problem) violations.push(fieldViolation('url', problem.rule, problem.message));
  }
  if (events === undefined) {
    if (mode === 'create') violations.push(fieldViolation('events', 'required', 'is required'));
  } else if (events.length === 0) {
    violations.push(fieldViolation('events', 'nonEmpty', 'must name at least one event'));
  } else {
    const unknown = events.filter((e) => !KNOWN_EVENTS.has(e));
    if (unknown.length) violations.push(fieldViolation('events', 'oneOf', `unknown event(s) ${unknown.map((e) => JSON.stringify(e)).join(', ')}; must be among ${WEBHOOK_EVENTS.join(', ')}`));
  }
  if (secret !== undefined && (secret.length < WEBHOOK_RULES.secretMinLength || secret.length > WEBHOOK_RULES.secretMaxLength)) {
    violations.push(fieldViolation('secret', 'length', `must be ${WEBHOOK_RULES.secretMinLength} to ${WEBHOOK_RULES.secretMaxLength} characters`));
  }
  return violations;
}

// A receiver's URL: absolute, http or https, without credentials in it (they would be stored and
// shown in the clear; a receiver authenticates deliveries by their signature).
function urlProblem(url: string): { rule: string; message: string } | undefined {
  if (url.length === 0 || url.length > WEBHOOK_RULES.urlMaxLength) return { rule: 'length', message: `must be 1 to ${WEBHOOK_RULES.urlMaxLength} characters` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { rule: 'url', message: 'must be an absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { rule: 'protocol', message: 'must use http: or https:' };
  if (parsed.username || parsed.password) return { rule: 'noUserinfo', message: 'must not carry a user name or password' };
  if (!parsed.hostname) return { rule: 'url', message: 'must name a host' };
  return undefined;
}

// The last characters of a secret, so an administrator can tell which one a receiver holds.
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
