'use server';

import { signOut } from '@/lib/auth/auth';

// Public by design: signing out only ends the visitor's own session.
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
