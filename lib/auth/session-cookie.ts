/**
 * The names Auth.js v5 gives the session cookie: `authjs.session-token`, with the `__Secure-` prefix when
 * the site is served over https, and split into `.0`, `.1`, … when the token outgrows one cookie. Auth.js
 * reads every cookie whose name starts with the one it expects (its `SessionStore`).
 */
const SESSION_COOKIE_NAMES = ['authjs.session-token', '__Secure-authjs.session-token'] as const;

/**
 * Whether a request could hold a session at all. Without such a cookie Auth.js would answer "no session"
 * anyway, after building its options and a CSRF token for nothing; with one (forged, expired or real)
 * Auth.js decides, as before.
 */
export function carriesSessionCookie(cookies: Iterable<{ name: string; value: string }>): boolean {
  for (const { name, value } of cookies) {
    if (value && SESSION_COOKIE_NAMES.some((sessionName) => name.startsWith(sessionName))) return true;
  }
  return false;
}
