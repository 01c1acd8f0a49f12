import { request } from 'node:http';
import { defaultToken } from './api';
import { waitForMetric } from './metrics';

export const WORD = '\u0002';
export const LINE = '\u0001';

export interface LongPollAnswer {
  status: number;
  body: string;
  elapsedMs: number;
}

// One Nacos long-poll request on its own connection, optionally from a given loopback address.
export function longPoll(
  baseUrl: string,
  entries: { dataId: string; group: string; md5: string; tenant?: string }[],
  options: { timeoutMs?: number; noHangup?: boolean; localAddress?: string; accessToken?: string } = {},
): Promise<LongPollAnswer> {
  const listening = entries.map((e) => [e.dataId, e.group, e.md5, ...(e.tenant ? [e.tenant] : [])].join(WORD) + LINE).join('');
  const accessToken = options.accessToken ?? defaultToken(baseUrl);
  const body = new URLSearchParams({ 'Listening-Configs': listening, ...(accessToken ? { accessToken } : {}) }).toString();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) };
    if (options.timeoutMs !== undefined) headers['Long-Pulling-Timeout'] = options.timeoutMs;
    if (options.noHangup) headers['Long-Pulling-Timeout-No-Hangup'] = 'true';
    const req = request(`${baseUrl}/nacos/v1/cs/configs/listener`, { method: 'POST', headers, agent: false, localAddress: options.localAddress }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, elapsedMs: Date.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The changed entries of an answer, as "dataId/group[/tenant]".
export function changedKeys(answer: LongPollAnswer): string[] {
  return decodeURIComponent(answer.body.trim())
    .split(LINE)
    .filter(Boolean)
    .map((entry) => entry.split(WORD).join('/'));
}

// Held Nacos long polls on this server, from its gauge.
export const LONG_POLLS_HELD = 'switchboard_config_long_poll_waiting';

// Resolves once the server holds exactly `count` long polls: a publish made then must be pushed
// to them (a poll that arrived after it would be answered at once, and prove nothing).
export function waitForHeldPolls(baseUrl: string, count: number, timeoutMs = 5_000): Promise<number> {
  return waitForMetric(baseUrl, LONG_POLLS_HELD, (held) => held === count, timeoutMs);
}
