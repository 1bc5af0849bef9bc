import 'server-only';
import { requireStaff, type Actor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

/**
 * The staff guard for the workspace's pages: signed out → the sign-in page, coming back to `returnTo`;
 * signed in without a staff role → 403. Each page calls it itself (the layout is not the check).
 */
export function requireStaffPage(returnTo = '/painel'): Promise<Actor> {
  return guarded(requireStaff, returnTo);
}
