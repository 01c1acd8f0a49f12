import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldViolation } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../errors/domain-error';

// class-validator starts its messages with the property's name ("name must be a string"); the
// violation names the field already. The name is the caller's own text (any JSON key), so it is
// compared as text, never made into a pattern.
function withoutSubject(message: string, property: string): string {
  const subject = `${property} `;
  return message.startsWith(subject) ? message.slice(subject.length) : message;
}

function flatten(errors: ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message: withoutSubject(message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

// Deeper than any request of ours nests (a JSON Schema included): the transformer and validator
// walk objects recursively, so a body nested thousands deep would exhaust the stack.
export const MAX_INPUT_DEPTH = 64;

// Whether arrays and objects in `value` nest deeper than `max` (walked without recursion).
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return false;
}

function isDtoClass(metatype: ArgumentMetadata['metatype']): boolean {
  return typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never);
}

// DTO shape checks for /api/v1 bodies and queries: unknown fields are refused, every violation
// is reported with its field and rule; input nested deeper than MAX_INPUT_DEPTH is refused first.
class BoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only input a DTO class is built from (and walked recursively): a custom parameter such as
    // the socket.io connection is the server's own object, and input without a DTO class (a
    // socket.io message) is checked field by field by its handler.
    if (metadata.type !== 'custom' && isDtoClass(metadata.metatype) && nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
      return Promise.reject(validationFailed([fieldViolation(metadata.type, 'maxDepth', `must not nest objects or arrays deeper than ${MAX_INPUT_DEPTH} levels`)]));
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
