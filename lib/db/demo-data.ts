/**
 * Demo accounts (with a published password) and demo demands exist to show the product, never by
 * accident: they are created in development and tests, and under NODE_ENV=production only when
 * DEMO_DATA=on is set on purpose (a demonstration server, the browser tests against `next start`).
 * DEMO_DATA=off turns them off everywhere. One switch for both: an install that wants demo demands
 * without the accounts to look at them, or the accounts without demands, has no use.
 */
export function demoDataEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DEMO_DATA === 'on') return true;
  if (env.DEMO_DATA === 'off') return false;
  return env.NODE_ENV !== 'production';
}

/**
 * Demo data writes to addresses on reserved domains only (RFC 2606 / RFC 6761), so that a demo server
 * given a real Resend key mails nobody. The municipality's secretarias keep their local part.
 */
export const DEMO_EMAIL_DOMAIN = 'demo.example.org';
export const DEMO_DEPARTMENT_EMAIL_DOMAIN = 'secretarias.example.org';
export const DEMO_CITIZEN_EMAIL_DOMAIN = 'cidadaos.example.org';

export function demoDepartmentEmail(email: string): string {
  return `${email.split('@')[0]}@${DEMO_DEPARTMENT_EMAIL_DOMAIN}`;
}
