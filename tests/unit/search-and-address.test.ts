import { describe, expect, it } from 'vitest';
import { foldForSearch, searchTerms } from '@/lib/domain/search';
import { clientAddress } from '@/lib/http/client-address';
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

describe('client address', () => {
  it.each([
    [{ 'x-forwarded-for': '203.0.113.5, 10.0.0.1' }, '203.0.113.5'],
    [{ 'x-real-ip': '198.51.100.2' }, '198.51.100.2'],
    [{ 'x-forwarded-for': ' ', 'x-real-ip': '198.51.100.3' }, '198.51.100.3'],
    [{}, 'unknown'],
  ])('%j → %s', (headers, address) => {
    expect(clientAddress(new Headers(headers))).toBe(address);
  });
});
