/**
 * The key that signs session cookies. Production must set AUTH_SECRET (Auth.js refuses to start without
 * it); `npm run dev` and the tests work without any setup thanks to a fixed development-only key, which
 * is never used when NODE_ENV is "production" (as under `next start`).
 */
const DEVELOPMENT_ONLY_SECRET = 'ouvidoria-digital-development-only-secret-never-use-in-production';

export function authSecret(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production') return undefined;
  return DEVELOPMENT_ONLY_SECRET;
}
