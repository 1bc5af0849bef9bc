import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { municipality } from '@/lib/municipality';

/*
 * The app's icons, drawn at build time from the municipality's emblem (lib/municipality.ts): another
 * prefeitura that swaps its emblem gets its own icons with no image to prepare. `maskable` puts the
 * emblem inside the safe circle on the brand colour (Android crops it to its own shape); the Apple one is
 * opaque, because iOS fills transparency with black.
 */

type IconSpec = { size: number; emblemShare: number; background?: string };

export const ICONS: Record<string, IconSpec> = {
  'icone-192.png': { size: 192, emblemShare: 0.9 },
  'icone-512.png': { size: 512, emblemShare: 0.9 },
  'icone-maskable-512.png': { size: 512, emblemShare: 0.6, background: municipality.colors.primary },
  'apple-touch-icon.png': { size: 180, emblemShare: 0.8, background: '#ffffff' },
};

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return Object.keys(ICONS).map((nome) => ({ nome }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ nome: string }> }): Promise<Response> {
  const spec = ICONS[(await params).nome];
  if (!spec) return new Response('Ícone não encontrado.', { status: 404 });
  const svg = await readFile(path.join(process.cwd(), 'public', municipality.emblemPath));
  const side = Math.round(spec.size * spec.emblemShare);
  const emblem = await sharp(svg, { density: 600 }).resize(side, side, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  const png = await sharp({
    create: { width: spec.size, height: spec.size, channels: 4, background: spec.background ?? { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: emblem, gravity: 'centre' }])
    .png()
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' } });
}
