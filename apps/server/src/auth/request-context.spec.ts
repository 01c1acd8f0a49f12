import { describe, expect, it } from 'vitest';
import { currentCaller, requestContext } from './request-context';

describe('requestContext', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

  it('should carry the caller through awaits, and be off once the last work has settled', async () => {
    expect(currentCaller()).toEqual({ actor: 'system', sourceIp: '' });
    const seen: string[] = [];
    const first = requestContext.run({ sourceIp: '10.0.0.1' }, async () => {
      await tick();
      seen.push(currentCaller().sourceIp);
      await tick();
      seen.push(currentCaller().actor);
    });
    const second = requestContext.run({ sourceIp: '10.0.0.2', principal: { username: 'ana' } as never }, async () => {
      await tick();
      await tick();
      await tick();
      seen.push(`${currentCaller().actor}@${currentCaller().sourceIp}`);
    });
    expect(requestContext.enabled).toBe(true);
    expect(currentCaller().actor).toBe('system'); // outside both
    await first;
    expect(requestContext.enabled).toBe(true); // the second still runs
    await second;
    await tick();
    expect(seen).toEqual(['10.0.0.1', 'anonymous', 'ana@10.0.0.2']);
    expect(requestContext.enabled).toBe(false);
  });

  it('should end a context whose work throws or rejects, and start again afterwards', async () => {
    expect(() => requestContext.run({ sourceIp: 'a' }, () => {
      throw new Error('sync');
    })).toThrow('sync');
    expect(requestContext.enabled).toBe(false);
    await expect(requestContext.run({ sourceIp: 'b' }, () => Promise.reject(new Error('async')))).rejects.toThrow('async');
    await tick();
    expect(requestContext.enabled).toBe(false);
    expect(await requestContext.run({ sourceIp: 'c' }, async () => {
      await tick();
      return currentCaller().sourceIp;
    })).toBe('c');
    expect(requestContext.run({ sourceIp: 'd' }, () => currentCaller().sourceIp)).toBe('d');
    expect(requestContext.enabled).toBe(false);
  });
});
