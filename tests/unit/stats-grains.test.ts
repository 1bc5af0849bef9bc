import { describe, expect, it } from 'vitest';
import { grainFor } from '@/lib/stats/grains';

/** Which rollup grain a statistics query reads: the smallest that keeps every dimension it needs, or none (the facts). */
describe('grainFor', () => {
  it.each([
    [['service', 'kind'], 1],
    [['service', 'channel', 'bairro'], 9],
    // Grouped by etiqueta: only the etiqueta grains, which count a demand once per etiqueta.
    [['tag', 'service'], 13],
    [['tag', 'service', 'channel'], 15],
    [['tag', 'department', 'bairro', 'priority'], 15],
    [['tag', 'service', 'bairro', 'days'], 16],
    [['tag', 'category', 'channel'], null],
  ] as const)('%j → %s', (dimensions, grain) => {
    expect(grainFor(dimensions)?.id ?? null).toBe(grain);
  });
});
