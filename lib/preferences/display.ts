import 'server-only';
import { cookies } from 'next/headers';

/** The eMAG bar's choices (high contrast, text size), kept in a cookie so they work without JavaScript. */
export const FONT_SIZES = ['normal', 'large', 'larger'] as const;
export type FontSize = (typeof FONT_SIZES)[number];
export type DisplayPreferences = { highContrast: boolean; fontSize: FontSize };

const COOKIE = 'display';

export async function readDisplayPreferences(): Promise<DisplayPreferences> {
  const value = (await cookies()).get(COOKIE)?.value ?? '';
  const [contrast, size] = value.split('.');
  return {
    highContrast: contrast === 'hc',
    fontSize: FONT_SIZES.includes(size as FontSize) ? (size as FontSize) : 'normal',
  };
}

export async function writeDisplayPreferences(preferences: DisplayPreferences): Promise<void> {
  (await cookies()).set(COOKIE, `${preferences.highContrast ? 'hc' : 'std'}.${preferences.fontSize}`, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: true,
  });
}
