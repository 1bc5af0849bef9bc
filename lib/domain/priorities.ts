import type { DemandPriority } from './vocabulary';

/**
 * A demand's priority as staff read it. The legal ones are the people the law says are served first:
 * Lei 10.048/2000 art. 1º and the Estatuto da Pessoa Idosa (Lei 10.741/2003, art. 3º § 1º, I; § 2º gives
 * those over 80 priority over the other elderly).
 */
export const PRIORITY_LABELS: Record<DemandPriority, string> = {
  normal: 'Normal',
  high: 'Alta',
  elderly: 'Prioridade legal — pessoa idosa (Estatuto da Pessoa Idosa, Lei 10.741/2003)',
  elderly_80: 'Prioridade legal — pessoa idosa com 80 anos ou mais (prioridade especial, Lei 10.741/2003)',
  legal: 'Prioridade legal — pessoa com deficiência, gestante, lactante, pessoa com criança de colo ou obesa (Lei 10.048/2000)',
};

/** The short name on a badge (queue rows, the demand's facts); the full label is its title. */
export const PRIORITY_BADGES: Record<DemandPriority, string> = {
  normal: 'Normal',
  high: 'Alta',
  elderly: 'Pessoa idosa',
  elderly_80: 'Pessoa idosa 80+',
  legal: 'Prioridade legal (Lei 10.048)',
};

export function isLegalPriority(priority: DemandPriority): boolean {
  return priority === 'elderly' || priority === 'elderly_80' || priority === 'legal';
}
