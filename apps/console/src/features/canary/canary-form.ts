import type { ConfigType, StartCanaryRequest, ServiceKey } from '@switchboard/shared';
import { errorMessage } from '../../api/error-display';
import { isApiError } from '../../api/api-error';
import type { EditorDiagnostic } from '../../ui/code-editor/code-editor.types';
import type { Translate } from '../../i18n/translate';

export interface PlanStepValues {
  weight: number;
  bakeSeconds: number;
}

// What the start form holds; the guarded service is one select value (see guardServiceValue).
export interface CanaryFormValues {
  content: string;
  ips: string[];
  tags: string[];
  weight: number;
  usePlan: boolean;
  steps: PlanStepValues[];
  guardService?: string;
  maxUnhealthyPercent: number;
}

export const DEFAULT_PLAN_STEPS: readonly PlanStepValues[] = [
  { weight: 10, bakeSeconds: 300 },
  { weight: 50, bakeSeconds: 600 },
  { weight: 100, bakeSeconds: 0 },
];

export function initialCanaryForm(content: string): CanaryFormValues {
  return {
    content,
    ips: [],
    tags: [],
    weight: 10,
    usePlan: false,
    steps: DEFAULT_PLAN_STEPS.map((step) => ({ ...step })),
    guardService: undefined,
    maxUnhealthyPercent: 20,
  };
}

// "@@" cannot occur in a group or service name, so it separates them safely.
const SEPARATOR = '@@';
export const guardServiceValue = (service: Pick<ServiceKey, 'groupName' | 'serviceName'>) =>
  `${service.groupName}${SEPARATOR}${service.serviceName}`;

export function parseGuardService(
  value: string | undefined,
): { groupName: string; serviceName: string } | undefined {
  if (!value) return undefined;
  const at = value.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  return { groupName: value.slice(0, at), serviceName: value.slice(at + SEPARATOR.length) };
}

const unique = (items: readonly string[]) => [
  ...new Set(items.map((item) => item.trim()).filter(Boolean)),
];

// The request the form sends. With a plan, its first step sets the weight, so none is sent.
export function toStartRequest(values: CanaryFormValues, type: ConfigType): StartCanaryRequest {
  const target = { ips: unique(values.ips), tags: unique(values.tags) };
  if (!values.usePlan)
    return { content: values.content, type, target: { ...target, weight: values.weight } };
  const guard = parseGuardService(values.guardService);
  return {
    content: values.content,
    type,
    target,
    plan: {
      steps: values.steps.map((step) => ({
        weight: step.weight,
        bakeMs: Math.round(step.bakeSeconds * 1000),
      })),
      guard: guard ? { ...guard, maxUnhealthyPercent: values.maxUnhealthyPercent } : null,
    },
  };
}

export type FormFieldName = (string | number)[];

export interface StartFormErrors {
  fields: { name: FormFieldName; errors: string[] }[];
  summary?: string;
  diagnostics: EditorDiagnostic[];
}

// Where a server field path (`plan.steps[1].bakeMs`) lives in the form, if it has a place.
export function formFieldOf(field: string): FormFieldName | undefined {
  if (field === 'content' || field === 'type') return ['content'];
  const target = /^target\.(ips|tags|weight)$/.exec(field);
  if (target) return [target[1]];
  const step = /^plan\.steps\[(\d+)\]\.(weight|bakeMs)$/.exec(field);
  if (step) return ['steps', Number(step[1]), step[2] === 'bakeMs' ? 'bakeSeconds' : 'weight'];
  if (/^plan\.guard\.(groupName|serviceName)$/.test(field)) return ['guardService'];
  if (field === 'plan.guard.maxUnhealthyPercent') return ['maxUnhealthyPercent'];
  return undefined;
}

// Splits a failed start over the form: violations on their fields (content errors also as
// editor marks), everything else as one line above the form.
export function startFormErrors(error: unknown, t: Translate): StartFormErrors {
  const violations = isApiError(error) ? error.violations : [];
  if (!violations.length) {
    const onContent = isApiError(error) && error.code === 'CONFIG_TOO_LARGE';
    return onContent
      ? { fields: [{ name: ['content'], errors: [errorMessage(error, t)] }], diagnostics: [] }
      : { fields: [], summary: errorMessage(error, t), diagnostics: [] };
  }
  const byField = new Map<string, { name: FormFieldName; errors: string[] }>();
  const unplaced: string[] = [];
  const diagnostics: EditorDiagnostic[] = [];
  for (const violation of violations) {
    const name = formFieldOf(violation.field);
    if (violation.field === 'content' && violation.line !== undefined)
      diagnostics.push({
        line: violation.line,
        column: violation.column ?? 1,
        message: violation.message,
      });
    if (!name) {
      unplaced.push(`${violation.field}: ${violation.message}`);
      continue;
    }
    const id = name.join('.');
    const entry = byField.get(id) ?? { name, errors: [] };
    entry.errors.push(violation.message);
    byField.set(id, entry);
  }
  return {
    fields: [...byField.values()],
    summary: unplaced.length ? unplaced.join('; ') : undefined,
    diagnostics,
  };
}
