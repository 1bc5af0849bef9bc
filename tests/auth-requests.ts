import { Auth, skipCSRFCheck } from '@auth/core';
import { authOptions } from '@/lib/auth/auth-options';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';

/** The app's Auth.js routes, called as the route handler would be, without a running server. */
export const TEST_ORIGIN = 'http://localhost:3102';

export async function authRoute(
  path: string,
  init: { method?: 'GET' | 'POST'; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {},
) {
  const options = await authOptions();
  const contentType: Record<string, string> = init.form
    ? { 'content-type': 'application/x-www-form-urlencoded' }
    : init.json !== undefined
      ? { 'content-type': 'application/json' }
      : {};
  const request = new Request(`${TEST_ORIGIN}/api/auth${path}`, {
    method: init.method ?? 'GET',
    headers: { [SOCKET_ADDRESS_HEADER]: '192.0.2.10', ...contentType, ...init.headers },
    body: init.form ? new URLSearchParams(init.form) : init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  // CSRF is Auth.js's own, already tested upstream; what is tested here is what happens after it.
  return Auth(request, { ...options, basePath: '/api/auth', trustHost: true, skipCSRFCheck });
}
