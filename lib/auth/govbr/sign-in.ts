import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { accounts, users } from '@/lib/db/schema';
import { requestGovbrLink, type GovbrIdentity } from '@/lib/accounts/govbr-link';
import { isValidCpf } from '@/lib/domain/cpf';
import { GOVBR_PROVIDER_ID, type GovbrConfig } from './config';
import { fetchTrustLevel } from './trust-level';

/** Where a gov.br sign-in that does not end in a session sends the citizen (read by /entrar). */
export const GOVBR_OUTCOMES = {
  linkSent: '/entrar?govbr=confirme-email',
  staffLinked: '/entrar?govbr=servidor',
  inactive: '/entrar?govbr=inativa',
  noEmail: '/entrar?govbr=sem-email',
  refused: '/entrar?govbr=recusado',
} as const;

const ProfileSchema = z.object({
  sub: z.string().refine(isValidCpf),
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional().catch(undefined),
  email_verified: z.boolean().optional(),
});

/**
 * Auth.js's `signIn` callback for gov.br (before it looks up or creates anything): `true` signs in the
 * account joined to this CPF; a path answers on the sign-in page instead.
 * - CPF already joined: the level and verified name are refreshed; a citizen signs in; staff still sign
 *   in with their password (this only refreshes what their role may require).
 * - Unknown CPF, e-mail of an existing account: a confirmation link goes to that e-mail; nothing joined.
 * - Unknown CPF and e-mail: a citizen account is created, joined to gov.br.
 */
export async function admitGovbrSignIn(input: { profile: unknown; accessToken: string | undefined; config: GovbrConfig; now?: Date }): Promise<true | string> {
  const parsed = ProfileSchema.safeParse(input.profile);
  if (!parsed.success || !input.accessToken) return GOVBR_OUTCOMES.refused;
  const now = input.now ?? new Date();
  const { sub: cpf, name = '', email, email_verified: emailVerified = false } = parsed.data;
  const trustLevel = await fetchTrustLevel({ trustLevelsUrl: input.config.trustLevelsUrl, cpf, accessToken: input.accessToken });
  const db = await getDb();

  const [joined] = await db.select({ id: users.id, role: users.role, active: users.active }).from(users).where(eq(users.govbrCpf, cpf));
  if (joined) {
    if (!joined.active) return GOVBR_OUTCOMES.inactive;
    await db
      .update(users)
      .set({ govbrTrustLevel: trustLevel, govbrVerifiedAt: now, ...(joined.role === 'citizen' && name ? { name } : {}) })
      .where(eq(users.id, joined.id));
    await db.insert(accounts).values({ userId: joined.id, type: 'oidc', provider: GOVBR_PROVIDER_ID, providerAccountId: cpf }).onConflictDoNothing();
    return joined.role === 'citizen' ? true : GOVBR_OUTCOMES.staffLinked;
  }

  if (!email) return GOVBR_OUTCOMES.noEmail;
  const identity: GovbrIdentity = { cpf, name, email, emailVerified, trustLevel };
  const [sameEmail] = await db.select({ id: users.id, active: users.active }).from(users).where(eq(sql`lower(${users.email})`, email));
  if (sameEmail) {
    if (!sameEmail.active) return GOVBR_OUTCOMES.inactive;
    await requestGovbrLink(sameEmail.id, identity, now);
    return GOVBR_OUTCOMES.linkSent;
  }

  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ name, email, emailVerified: emailVerified ? now : null, role: 'citizen', govbrCpf: cpf, govbrTrustLevel: trustLevel, govbrVerifiedAt: now })
      .returning({ id: users.id });
    if (!created) throw new Error('The citizen account was not created');
    await tx.insert(accounts).values({ userId: created.id, type: 'oidc', provider: GOVBR_PROVIDER_ID, providerAccountId: cpf });
  });
  return true;
}
