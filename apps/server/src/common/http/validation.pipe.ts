import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldViolation } from '@switchboard/shared';
import { validationFailed } from '../errors/domain-error';

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

// DTO shape checks for /api/v1 bodies and queries: unknown fields are refused, every violation
// is reported with its field and rule.
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
