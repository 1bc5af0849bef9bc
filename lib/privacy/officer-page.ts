import 'server-only';
import { forbidden } from 'next/navigation';
import type { Actor } from '@/lib/auth/guards';
import { isDataProtectionOfficer } from './requests';

/** The encarregado's pages and actions: a staff member holding the permission, or 403. */
export async function requireDataProtectionOfficerPage(actor: Actor): Promise<Actor> {
  if (!(await isDataProtectionOfficer(actor))) forbidden();
  return actor;
}
