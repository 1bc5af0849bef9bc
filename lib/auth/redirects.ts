import type { Role } from '@/lib/domain/vocabulary';

/** Where each kind of user lands after signing in when no page asked for them. */
export function homePathFor(role: Role): string {
  return role === 'citizen' ? '/minhas-manifestacoes' : '/painel';
}

/**
 * A `callbackUrl` from a query string or form is followed only if it is a path on this site: an absolute
 * URL, a protocol-relative `//host` or a `/\host` (which browsers read as `//host`) is dropped, so a link
 * to /entrar cannot send someone elsewhere after they sign in.
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f]/.test(value)) return null;
  try {
    const parsed = new URL(value, 'http://same-origin.invalid');
    if (parsed.origin !== 'http://same-origin.invalid') return null;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return null;
  }
}

export function signInPath(returnTo?: string | null): string {
  const safe = safeCallbackPath(returnTo);
  return safe ? `/entrar?${new URLSearchParams({ callbackUrl: safe })}` : '/entrar';
}
