import 'server-only';
import { eq } from 'drizzle-orm';
import { verify } from '@node-rs/argon2';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { clearRateLimit, hitRateLimit, peekRateLimit, type RateLimitRule } from '@/lib/rate-limit';
import type { Role } from '@/lib/domain/vocabulary';
import { hashPassword, SignInSchema } from './password';

/** Failed sign-ins allowed before the account, or the address, has to wait for the window to end. */
export const SIGN_IN_LIMITS = {
  perAccount: { limit: 5, windowSeconds: 15 * 60 },
  perAddress: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type PasswordSignInResult =
  | { ok: true; user: { id: string; name: string; email: string; role: Role } }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; retryAt: Date };

const accountKey = (email: string) => `sign-in:account:${email}`;
const addressKey = (address: string) => `sign-in:address:${address}`;

// Verifying against this when the e-mail is unknown keeps the answer as slow as for a wrong password,
// so the timing does not tell which e-mails have accounts.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password, throttled before the password is looked at: the account's counter is
 * taken first (so parallel guesses cannot slip past it) and cleared by a success; the address's counter
 * grows only with failures (many staff may share one address).
 */
export async function authenticateWithPassword(input: {
  email: unknown;
  password: unknown;
  clientAddress: string;
  now?: Date;
}): Promise<PasswordSignInResult> {
  const now = input.now ?? new Date();
  const addressLimit = await peekRateLimit(addressKey(input.clientAddress), SIGN_IN_LIMITS.perAddress, now);
  if (addressLimit.remaining === 0) return locked(addressLimit.retryAfterSeconds, now);

  const parsed = SignInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) {
    await hitRateLimit(addressKey(input.clientAddress), SIGN_IN_LIMITS.perAddress, now);
    return { ok: false, reason: 'invalid_credentials' };
  }
  const { email, password } = parsed.data;

  const accountLimit = await hitRateLimit(accountKey(email), SIGN_IN_LIMITS.perAccount, now);
  if (!accountLimit.allowed) return locked(accountLimit.retryAfterSeconds, now);

  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordMatches = await verify(user?.passwordHash ?? (await (decoyHash ??= hashPassword(crypto.randomUUID()))), password);
  if (!user?.active || !user.passwordHash || !passwordMatches) {
    await hitRateLimit(addressKey(input.clientAddress), SIGN_IN_LIMITS.perAddress, now);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await clearRateLimit(accountKey(email));
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
}

/** Lifts an account's lockout, e.g. when the admin sets a new password. */
export function clearSignInFailures(email: string): Promise<void> {
  return clearRateLimit(accountKey(email));
}

function locked(retryAfterSeconds: number, now: Date): PasswordSignInResult {
  return { ok: false, reason: 'locked', retryAt: new Date(now.getTime() + retryAfterSeconds * 1000) };
}
