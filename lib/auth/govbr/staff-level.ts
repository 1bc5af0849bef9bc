import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { meetsTrustLevel, type GovbrTrustLevel } from '@/lib/domain/govbr';
import { govbrConfig } from './config';

export type UnmetGovbrLevel = { required: GovbrTrustLevel; have: GovbrTrustLevel | null; linked: boolean };

/**
 * The gov.br level this account's role requires (GOVBR_REQUIRED_LEVELS) when it is not met: the account
 * must be joined to gov.br, and its level at the last gov.br sign-in must reach it. Null when nothing
 * is required or it is met. Checked after the password, so it tells nothing to who lacks it.
 */
export async function unmetGovbrLevel(userId: string, env: NodeJS.ProcessEnv = process.env): Promise<UnmetGovbrLevel | null> {
  const requiredLevels = govbrConfig(env)?.requiredLevels;
  if (!requiredLevels || Object.keys(requiredLevels).length === 0) return null;
  const db = await getDb();
  const [user] = await db.select({ role: users.role, govbrCpf: users.govbrCpf, level: users.govbrTrustLevel }).from(users).where(eq(users.id, userId));
  const required = user ? requiredLevels[user.role] : undefined;
  if (!user || !required) return null;
  const linked = Boolean(user.govbrCpf);
  if (linked && meetsTrustLevel(user.level, required)) return null;
  return { required, have: linked ? user.level : null, linked };
}

export function unmetGovbrLevelMessage(unmet: Pick<UnmetGovbrLevel, 'required'>): string {
  return `Seu perfil exige uma conta gov.br de nível ${unmet.required === 'ouro' ? 'ouro' : 'prata ou ouro'} vinculada, além da senha. Use "Entrar com gov.br" uma vez para vincular sua conta ou atualizar o nível (para elevar o nível, use o aplicativo gov.br) e depois entre com seu e-mail e sua senha.`;
}
