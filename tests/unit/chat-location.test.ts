import { describe, expect, it } from 'vitest';
import { refusalOfSharedLocation } from '@/lib/channels/chat/location';

const bairros = [{ id: 'c', name: 'Centro' }];

describe('a location shared on WhatsApp', () => {
  it.each([
    ['Praça Coronel Moura, in the Centro', { latitude: -22.8858, longitude: -48.445 }, undefined],
    ['a rural road of the município', { latitude: -22.95, longitude: -48.35 }, undefined],
    ['São Paulo', { latitude: -23.5505, longitude: -46.6333 }, 'Esta localização fica fora do município. Envie a localização do lugar do pedido, dentro do município, ou digite o endereço.'],
  ] as const)('%s', (_case, location, refusal) => {
    expect(refusalOfSharedLocation(location, bairros)).toBe(refusal);
  });
});
