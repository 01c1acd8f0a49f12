import { App } from 'antd';
import { useCallback } from 'react';
import { ERROR_CODES, type ErrorCode } from '@switchboard/shared';
import type { MessageKey } from '../i18n/messages.en';
import type { Translate } from '../i18n/translate';
import { useI18n } from '../i18n/useI18n';
import { isApiError } from './api-error';

// The ONE table turning error codes into what the user sees. `field` names the form field an
// error belongs to when the form has it; otherwise the message is shown above the form or as a toast.
// A Record over ErrorCode: a new shared code does not compile until it is placed here.
const ERROR_PRESENTATION: Record<ErrorCode, { message: MessageKey; field?: string }> = {
  VALIDATION_FAILED: { message: 'error.VALIDATION_FAILED' },
  UNAUTHENTICATED: { message: 'error.UNAUTHENTICATED' },
  FORBIDDEN: { message: 'error.FORBIDDEN' },
  LOGIN_LOCKED: { message: 'error.LOGIN_LOCKED' },
  TOO_MANY_CONCURRENT_REQUESTS: { message: 'error.TOO_MANY_CONCURRENT_REQUESTS' },
  USER_NOT_FOUND: { message: 'error.USER_NOT_FOUND' },
  USER_ALREADY_EXISTS: { message: 'error.USER_ALREADY_EXISTS', field: 'username' },
  ACCESS_TOKEN_NOT_FOUND: { message: 'error.ACCESS_TOKEN_NOT_FOUND' },
  ROUTE_NOT_FOUND: { message: 'error.ROUTE_NOT_FOUND' },
  PAYLOAD_TOO_LARGE: { message: 'error.PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: { message: 'error.UNSUPPORTED_MEDIA_TYPE' },
  NAMESPACE_NOT_FOUND: { message: 'error.NAMESPACE_NOT_FOUND' },
  NAMESPACE_ALREADY_EXISTS: { message: 'error.NAMESPACE_ALREADY_EXISTS', field: 'namespaceId' },
  NAMESPACE_PROTECTED: { message: 'error.NAMESPACE_PROTECTED' },
  NAMESPACE_NOT_EMPTY: { message: 'error.NAMESPACE_NOT_EMPTY' },
  SERVICE_NOT_FOUND: { message: 'error.SERVICE_NOT_FOUND' },
  SERVICE_ALREADY_EXISTS: { message: 'error.SERVICE_ALREADY_EXISTS', field: 'serviceName' },
  SERVICE_NOT_EMPTY: { message: 'error.SERVICE_NOT_EMPTY' },
  INSTANCE_NOT_FOUND: { message: 'error.INSTANCE_NOT_FOUND' },
  CONFIG_NOT_FOUND: { message: 'error.CONFIG_NOT_FOUND' },
  CONFIG_VERSION_NOT_FOUND: { message: 'error.CONFIG_VERSION_NOT_FOUND' },
  CONFIG_CONFLICT: { message: 'error.CONFIG_CONFLICT' },
  CONFIG_TOO_LARGE: { message: 'error.CONFIG_TOO_LARGE', field: 'content' },
  CONFIG_QUOTA_EXCEEDED: { message: 'error.CONFIG_QUOTA_EXCEEDED' },
  CANARY_NOT_FOUND: { message: 'error.CANARY_NOT_FOUND' },
  CANARY_ALREADY_ACTIVE: { message: 'error.CANARY_ALREADY_ACTIVE' },
  CANARY_CONFLICT: { message: 'error.CANARY_CONFLICT' },
  REVIEW_REQUIRED: { message: 'error.REVIEW_REQUIRED' },
  CHANGE_REQUEST_NOT_FOUND: { message: 'error.CHANGE_REQUEST_NOT_FOUND' },
  CHANGE_REQUEST_CONFLICT: { message: 'error.CHANGE_REQUEST_CONFLICT' },
  WEBHOOK_NOT_FOUND: { message: 'error.WEBHOOK_NOT_FOUND' },
  TOPIC_NOT_FOUND: { message: 'error.TOPIC_NOT_FOUND' },
  SERVICE_UNAVAILABLE: { message: 'error.SERVICE_UNAVAILABLE' },
  INTERNAL_ERROR: { message: 'error.INTERNAL_ERROR' },
};

export interface FieldError<F extends string = string> {
  name: F;
  errors: string[];
}

export interface FormErrorDisplay<F extends string = string> {
  fields: FieldError<F>[]; // errors to put on form fields (antd `form.setFields`)
  summary?: string; // what could not be placed on a field
  requestId?: string;
}

// One line for a toast or an inline alert.
export function errorMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.unknown');
  if (error.isNetworkError) return t('error.network');
  const violations = error.violations;
  if (violations.length) return violations.map((v) => `${v.field}: ${v.message}`).join('; ');
  return t(ERROR_PRESENTATION[error.code].message);
}

// Splits an error over the fields a form has: field violations and field-bound codes go on
// their field; the rest becomes the summary.
export function formErrors<F extends string>(
  error: unknown,
  t: Translate,
  formFields: readonly F[],
): FormErrorDisplay<F> {
  if (!isApiError(error) || error.isNetworkError)
    return { fields: [], summary: errorMessage(error, t) };
  const byField = new Map<F, string[]>();
  const unplaced: string[] = [];
  const isFormField = (name: string | undefined): name is F =>
    name !== undefined && (formFields as readonly string[]).includes(name);
  const place = (field: string | undefined, text: string) => {
    const root = field?.split(/[.[]/)[0];
    if (isFormField(root)) byField.set(root, [...(byField.get(root) ?? []), text]);
    else unplaced.push(field ? `${field}: ${text}` : text);
  };
  if (error.code === ERROR_CODES.VALIDATION_FAILED && error.violations.length) {
    for (const violation of error.violations) place(violation.field, violation.message);
  } else {
    const presentation = ERROR_PRESENTATION[error.code];
    place(presentation.field ?? detailsField(error.details), t(presentation.message));
  }
  return {
    fields: [...byField].map(([name, errors]) => ({ name, errors })),
    summary: unplaced.length ? unplaced.join(' ') : undefined,
    requestId: error.requestId,
  };
}

// Non-validation errors may name their field in `details.field` (e.g. a 409 on namespaceId).
function detailsField(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const field = (details as { field?: unknown }).field;
  return typeof field === 'string' ? field : undefined;
}

// Shows an error as a toast, with the request id when the server sent one.
export function useErrorToast(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => {
      const requestId = isApiError(error) ? error.requestId : undefined;
      const suffix = requestId ? ` (${t('error.requestId', { id: requestId })})` : '';
      void message.error(`${errorMessage(error, t)}${suffix}`);
    },
    [message, t],
  );
}
