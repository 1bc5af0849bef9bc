/**
 * The client's address as the reverse proxy in front of the app reports it (the first hop of
 * X-Forwarded-For, or X-Real-IP). Used only to throttle; never trusted for anything else. Without a proxy
 * a client could forge it, which is why every limit keyed on it is paired with one keyed on the account.
 */
export function clientAddressOf(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}
