import { describe, expect, it } from 'vitest';
import { fileDemand } from '@/lib/demands/intake';
import { balcaoCategory, balcaoInput } from '../factories';

describe('intake errors for a form', () => {
  it('reports the service questions together with the other field errors, in one round', async () => {
    const trees = await balcaoCategory('poda-de-arvore');
    const result = await fileDemand(
      await balcaoInput({ categoryId: trees.id, description: 'curto', addressLine: '', details: { tree_location: 'No quintal' } }),
      { channel: 'web' },
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        description: ['Descreva o pedido em pelo menos 10 caracteres.'],
        addressLine: ['Informe rua e número (ou um ponto de referência).'],
        'details.tree_location': ['Escolha uma das opções.'],
        'details.risk': ['Responda esta pergunta.'],
      },
    });
  });
});
