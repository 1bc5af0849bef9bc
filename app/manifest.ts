import type { MetadataRoute } from 'next';
import { municipality } from '@/lib/municipality';

/** The install manifest: the municipality's name and colours (lib/municipality.ts), icons from its emblem (app/icones). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: municipality.siteName,
    short_name: `Ouvidoria ${municipality.name}`,
    description: `Ouvidoria e Balcão da Cidadania da ${municipality.prefeitura}: registre e acompanhe manifestações e pedidos de serviço, mesmo sem conexão.`,
    lang: 'pt-BR',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: municipality.colors.primary,
    categories: ['government', 'utilities'],
    icons: [
      { src: '/icones/icone-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icones/icone-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icones/icone-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      { name: 'Nova manifestação', url: '/ouvidoria/nova' },
      { name: 'Pedir um serviço', url: '/balcao' },
      { name: 'Acompanhar', url: '/acompanhar' },
    ],
  };
}
