import 'server-only';
import { AuthorizationError, type Actor } from '@/lib/auth/guards';
import type { FieldErrors } from '@/lib/domain/intake-schema';

/**
 * Every admin use case starts here, whatever page or action called it: the caller's `requireRole('admin')`
 * is the first check, this one keeps the use case safe on its own.
 */
export function assertAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new AuthorizationError(401);
  if (actor.role !== 'admin') throw new AuthorizationError(403);
}

export type AdminResult<T = undefined> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors; message?: string };

export function refused(message: string, fieldErrors: FieldErrors = {}): { ok: false; fieldErrors: FieldErrors; message: string } {
  return { ok: false, fieldErrors, message };
}

/** "Secretaria de Obras" → "secretaria-de-obras": a stable, readable key for new rows. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Form checkboxes post "on" (or nothing); programmatic callers may pass a boolean. */
export const checkbox = (value: unknown) => value === true || value === 'on' || value === 'true';
