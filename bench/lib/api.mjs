// Small HTTP helpers for scenario set-up: they create data through the real API and fail loudly.

// The server runs with authentication on (as in production); every request carries the bench
// administrator's token.
/** @type {Record<string, string>} */
let auth = {};

/** @param {string} token */
export function setAuthToken(token) {
  auth = { authorization: `Bearer ${token}` };
}

export function authHeaders() {
  return auth;
}

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/**
 * Sends a JSON body and returns the parsed answer; throws on any non-2xx.
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} path
 * @param {unknown} body
 */
export async function sendJson(baseUrl, method, path, body) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Sends an urlencoded form as Nacos clients do and returns the answer text; throws on any non-2xx.
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} path
 * @param {Record<string, string | number>} params
 */
export async function sendForm(baseUrl, method, path, params) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(params),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** @param {Record<string, string | number>} params */
export function formBody(params) {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

/**
 * Throws with `message` when `condition` is false; verify() functions use it.
 * @param {unknown} condition
 * @param {string} message
 */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}
