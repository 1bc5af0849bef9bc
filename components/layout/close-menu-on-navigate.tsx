'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

/**
 * The header stays mounted across client-side navigations, and so would an opened phone menu: folds it
 * again when the page changes (without JavaScript every link loads a new page with the menu folded).
 */
export function CloseMenuOnNavigate() {
  const pathname = usePathname();
  useEffect(() => {
    document.querySelector('details.site-menu')?.removeAttribute('open');
  }, [pathname]);
  return null;
}
