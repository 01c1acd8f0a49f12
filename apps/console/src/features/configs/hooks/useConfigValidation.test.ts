import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateConfig } from '../../../api/configs.api';
import { blocksPublish, useConfigValidation, VALIDATE_DELAY_MS, type ValidationInput } from './useConfigValidation';

vi.mock('../../../api/configs.api', () => ({ validateConfig: vi.fn() }));
const validate = vi.mocked(validateConfig);

const key = { namespaceId: 'dev', group: 'DEFAULT_GROUP', dataId: 'app.yaml' };
const input = (content: string, extra: Partial<ValidationInput> = {}): ValidationInput => ({ key, content, type: 'yaml', ...extra });
const violation = { field: 'content', rule: 'syntax', message: 'line 1, column 3: bad', line: 1, column: 3 };

describe('useConfigValidation', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    validate.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('should check once, after the typing pauses, and block publishing meanwhile', async () => {
    validate.mockResolvedValue({ valid: false, violations: [violation] });
    const { result, rerender } = renderHook((props: ValidationInput) => useConfigValidation(props), {
      initialProps: input('a'),
    });
    expect(result.current.status).toBe('checking');
    expect(blocksPublish(result.current)).toBe(true);
    rerender(input('a:'));
    rerender(input('a: [1'));
    await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS - 1));
    expect(validate).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(validate).toHaveBeenCalledTimes(1);
    expect(validate.mock.calls[0].slice(0, 2)).toEqual([key, { content: 'a: [1', type: 'yaml' }]);
    expect(result.current).toMatchObject({ status: 'invalid', violations: [violation] });
  });

  it('should read as checking from the very render that changes the content', async () => {
    validate.mockResolvedValue({ valid: true, violations: [] });
    const seen: string[] = [];
    const { rerender } = renderHook((props: ValidationInput) => {
      const state = useConfigValidation(props);
      seen.push(state.status);
      return state;
    }, { initialProps: input('a: 1') });
    await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS));
    expect(seen.at(-1)).toBe('valid');
    seen.length = 0;
    rerender(input('a: 2'));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain('valid'); // no render offers the old text's result for the new one
    await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS));
    expect(seen.at(-1)).toBe('valid');
  });

  it('should send the schema only when one is given, null included', async () => {
    validate.mockResolvedValue({ valid: true, violations: [] });
    const { result } = renderHook(() => useConfigValidation(input('a: 1', { schema: null })));
    await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS));
    expect(validate.mock.calls[0][1]).toEqual({ content: 'a: 1', type: 'yaml', schema: null });
    expect(result.current.status).toBe('valid');
    expect(blocksPublish(result.current)).toBe(false);
  });

  it('should not block publishing when the check itself fails', async () => {
    validate.mockRejectedValue(new Error('offline'));
    const { result } = renderHook(() => useConfigValidation(input('a: 1')));
    await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS));
    expect(result.current.status).toBe('failed');
    expect(blocksPublish(result.current)).toBe(false);
  });

  it('should stay idle without input', () => {
    const { result } = renderHook(() => useConfigValidation(null));
    expect(result.current.status).toBe('idle');
    expect(validate).not.toHaveBeenCalled();
  });
});
