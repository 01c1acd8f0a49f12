import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './login-path';

describe('loginPath', () => {
  it('should remember the current page in next', () => {
    expect(loginPath({ pathname: '/users', search: '?x=1' }, 'expired')).toBe(
      '/login?next=%2Fusers%3Fx%3D1',
    );
  });

  it('should not remember anything after an explicit logout', () => {
    expect(loginPath({ pathname: '/users', search: '' }, 'logout')).toBe('/login');
  });
});

describe('safeNext', () => {
  it('should accept console paths and refuse other sites and the login page', () => {
    expect(safeNext('/roles', '/home')).toBe('/roles');
    expect(safeNext('//evil.example', '/home')).toBe('/home');
    expect(safeNext('https://evil.example', '/home')).toBe('/home');
    expect(safeNext('/login?next=/x', '/home')).toBe('/home');
    expect(safeNext(null, '/home')).toBe('/home');
  });
});
