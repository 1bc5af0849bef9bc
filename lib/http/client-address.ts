/**
 * The visitor's address as the reverse proxy reports it: the first entry of X-Forwarded-For, else
 * X-Real-IP. Either can be forged when the app is reached directly, which is why throttles keyed on it
 * are always paired with one keyed on what is being tried (the protocol).
 */
export function clientAddress(headers: Pick<Headers, 'get'>): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}
