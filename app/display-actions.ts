'use server';

import { FONT_SIZES, readDisplayPreferences, writeDisplayPreferences } from '@/lib/preferences/display';

// Public by design: these only change the visitor's own display cookie.

export async function toggleHighContrast(): Promise<void> {
  const current = await readDisplayPreferences();
  await writeDisplayPreferences({ ...current, highContrast: !current.highContrast });
}

export async function changeFontSize(formData: FormData): Promise<void> {
  const current = await readDisplayPreferences();
  const step = formData.get('step') === 'down' ? -1 : 1;
  const index = Math.min(FONT_SIZES.length - 1, Math.max(0, FONT_SIZES.indexOf(current.fontSize) + step));
  await writeDisplayPreferences({ ...current, fontSize: FONT_SIZES[index] ?? 'normal' });
}
