import { describe, expect, it } from 'vitest';
import { foldForSearch, searchTerms } from '@/lib/domain/search';
import { ACCENTED_LETTERS, PLAIN_LETTERS } from '@/lib/domain/search';

describe('search terms', () => {
  it.each([
    ['Poda de Árvore', ['poda', 'arvore']],
    ['  ILUMINAÇÃO   pública ', ['iluminacao', 'publica']],
    ['buraco, buraco!', ['buraco']],
    ['%_', []],
    ['', []],
  ])('%s → %j', (query, terms) => {
    expect(searchTerms(query)).toEqual(terms);
  });

  it('folds the same letters in JavaScript as the SQL translate table', () => {
    expect(ACCENTED_LETTERS).toHaveLength(PLAIN_LETTERS.length);
    expect(foldForSearch(ACCENTED_LETTERS)).toBe(PLAIN_LETTERS);
  });
});
