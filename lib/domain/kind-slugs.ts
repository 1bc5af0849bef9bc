import { OUVIDORIA_KINDS, type OuvidoriaKind } from './vocabulary';

/** Ouvidoria kinds as they appear in links (`/ouvidoria/nova?tipo=denuncia`). */
export const OUVIDORIA_KIND_SLUGS: Record<OuvidoriaKind, string> = {
  complaint: 'reclamacao',
  denunciation: 'denuncia',
  suggestion: 'sugestao',
  praise: 'elogio',
  request: 'solicitacao',
  information: 'informacao',
};

export function ouvidoriaKindFromSlug(slug: string | undefined): OuvidoriaKind | undefined {
  return OUVIDORIA_KINDS.find((kind) => OUVIDORIA_KIND_SLUGS[kind] === slug);
}
