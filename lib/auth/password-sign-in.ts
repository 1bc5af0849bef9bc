import 'server-only';
import { eq } from 'drizzle-orm';
import { verify } from '@node-rs/argon2';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { clearRateLimit, clearRateLimitsStartingWith, failureDelaySeconds, hitRateLimit, peekRateLimit, recordFailure, sleep, type RateLimitRule, type Wait } from '@/lib/rate-limit';
import type { Role } from '@/lib/domain/vocabulary';
import { hashPassword, SignInSchema } from './password';

/**
 * Failed sign-ins from one address, across accounts, before it has to wait for the window to end (one
 * address spraying many accounts). One account is never locked: failures for it slow down only the
 * address they come from (see `failureDelaySeconds`), so a stranger cannot lock its owner out.
 */
export const SIGN_IN_LIMITS = {
  perAddress: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type PasswordSignInResult =
  | { ok: true; user: { id: string; name: string; email: string; role: Role } }
  | { ok: false; reason: 'invalid_credentials' }
  /** The right password of a citizen account whose e-mail nobody has confirmed yet. */
  | { ok: false; reason: 'unverified' }
  | { ok: false; reason: 'locked'; retryAt: Date };

const accountAddressKey = (email: string, address: string) => `sign-in:account-address:${email}:${address}`;
const addressKey = (address: string) => `sign-in:address:${address}`;

// Verifying against this when the e-mail is unknown keeps the answer as slow as for a wrong password,
// so the timing does not tell which e-mails have accounts.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password. An address that failed too often across accounts waits for its window;
 * an address that keeps failing one account is answered more and more slowly, but the right password is
 * always taken once the wait is over, and waits at other addresses are untouched.
 *
 * A citizen account signs in with a password only once its e-mail is confirmed: until then the password
 * may have been set by someone who does not own the e-mail (a pre-registered account).
 */
export async function authenticateWithPassword(input: {
  email: unknown;
  password: unknown;
  clientAddress: string;
  now?: Date;
  wait?: Wait;
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
  const delayKey = accountAddressKey(email, input.clientAddress);
  await (input.wait ?? sleep)(await failureDelaySeconds(delayKey, now));

  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordMatches = await verify(user?.passwordHash ?? (await (decoyHash ??= hashPassword(crypto.randomUUID()))), password);
  if (!user?.active || !user.passwordHash || !passwordMatches) {
    await Promise.all([hitRateLimit(addressKey(input.clientAddress), SIGN_IN_LIMITS.perAddress, now), recordFailure(delayKey, now)]);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await clearRateLimit(delayKey);
  if (user.role === 'citizen' && !user.emailVerified) return { ok: false, reason: 'unverified' };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
}

/** Forgets the slow-downs on an account, e.g. when the admin sets a new password. */
export function clearSignInFailures(email: string): Promise<void> {
  return clearRateLimitsStartingWith(`sign-in:account-address:${email}:`);
}

function locked(retryAfterSeconds: number, now: Date): PasswordSignInResult {
  return { ok: false, reason: 'locked', retryAt: new Date(now.getTime() + retryAfterSeconds * 1000) };
}
