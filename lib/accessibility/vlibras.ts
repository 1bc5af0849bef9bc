/**
 * gov.br's VLibras widget (Libras translation of the page). On by default; `VLIBRAS=off` turns it off
 * (tests do: they touch no network). Its script comes from gov.br, so the Content-Security-Policy names
 * that origin only while the widget is on (see lib/http/security-headers.ts).
 */
import { VLIBRAS_ORIGIN } from '@/lib/http/security-headers';

export { VLIBRAS_ORIGIN };
export const VLIBRAS_SCRIPT_URL = `${VLIBRAS_ORIGIN}/app/vlibras-plugin.js`;
export const VLIBRAS_APP_URL = `${VLIBRAS_ORIGIN}/app`;

export function vlibrasEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !['off', 'false', '0', 'no'].includes((env.VLIBRAS ?? '').trim().toLowerCase());
}
