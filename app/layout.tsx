import type { Metadata, Viewport } from 'next';
import type { CSSProperties, ReactNode } from 'react';
import { preload } from 'react-dom';
import { AccessibilityBar } from '@/components/layout/accessibility-bar';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { PublicChrome } from '@/components/layout/public-chrome';
import { ServiceWorkerRegistration } from '@/components/offline/service-worker-registration';
import { VLibrasWidget } from '@/components/layout/vlibras-widget';
import { vlibrasEnabled } from '@/lib/accessibility/vlibras';
import { currentActor, STAFF_ROLES } from '@/lib/auth/guards';
import { municipality } from '@/lib/municipality';
import { readDisplayPreferences } from '@/lib/preferences/display';
import './globals.css';

export const metadata: Metadata = {
  title: { default: municipality.siteName, template: `%s — ${municipality.siteName}` },
  description: `Ouvidoria e Balcão da Cidadania da ${municipality.prefeitura}: registre e acompanhe manifestações e pedidos de serviço.`,
  // The installable app (app/manifest.ts, icons from the emblem in app/icones): iOS reads these tags.
  applicationName: municipality.siteName,
  appleWebApp: { capable: true, title: `Ouvidoria ${municipality.name}`, statusBarStyle: 'default' },
  icons: { icon: [{ url: municipality.emblemPath, type: 'image/svg+xml' }], apple: '/icones/apple-touch-icon.png' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: municipality.colors.primary };

/** Raleway's regular weight, the one body text uses (app/globals.css); the other weights are not preloaded. */
const MAIN_FONT = '/fonts/raleway-latin-400-normal.woff2';

export default async function RootLayout({ children }: { children: ReactNode }) {
  preload(MAIN_FONT, { as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' });
  const [display, actor] = await Promise.all([readDisplayPreferences(), currentActor()]);
  const account = actor ? { name: actor.name || actor.email, isStaff: (STAFF_ROLES as readonly string[]).includes(actor.role) } : null;
  const brand = {
    '--brand': municipality.colors.primary,
    '--brand-dark': municipality.colors.primaryDark,
    '--accent': municipality.colors.accent,
  } as CSSProperties;
  return (
    <html lang="pt-BR" className={display.highContrast ? 'high-contrast' : undefined} data-font-size={display.fontSize} style={brand}>
      <body className="flex min-h-screen flex-col">
        <PublicChrome
          bar={<AccessibilityBar highContrast={display.highContrast} />}
          header={<SiteHeader municipality={municipality} account={account} />}
          footer={<SiteFooter municipality={municipality} />}
        >
          {children}
        </PublicChrome>
        <ServiceWorkerRegistration signedIn={Boolean(actor)} />
        {vlibrasEnabled() && <VLibrasWidget />}
      </body>
    </html>
  );
}
