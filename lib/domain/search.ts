/**
 * What a citizen types in a search box, reduced to the words to look for: lower case, no accents, so that
 * "arvore" finds "Poda de árvore" and "ILUMINAÇÃO" finds "Iluminação pública".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

const STOP_WORDS = new Set(['a', 'o', 'as', 'os', 'de', 'da', 'do', 'das', 'dos', 'e', 'em', 'na', 'no', 'um', 'uma', 'para']);

export function searchTerms(query: string): string[] {
  const words = foldForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !STOP_WORDS.has(word));
  return [...new Set(words)].slice(0, 8);
}

/** Accented letters of Portuguese and their plain forms, for SQL `translate()` (same length, same order). */
export const ACCENTED_LETTERS = 'áàâãäéèêëíìîïóòôõöúùûüç';
export const PLAIN_LETTERS = 'aaaaaeeeeiiiiooooouuuuc';
