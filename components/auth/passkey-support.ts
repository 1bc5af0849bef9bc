'use client';

import { useSyncExternalStore } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';

const subscribeToNothing = () => () => {};

/**
 * 'checking' on the server and before hydration (so a page without JavaScript never shows a passkey
 * button), then whether this browser has the WebAuthn API.
 */
export function usePasskeySupport(): 'checking' | 'yes' | 'no' {
  return useSyncExternalStore(
    subscribeToNothing,
    () => (browserSupportsWebAuthn() ? 'yes' : 'no'),
    () => 'checking',
  );
}
