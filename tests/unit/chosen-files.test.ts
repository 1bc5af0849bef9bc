import { describe, expect, it } from 'vitest';
import { isChosenFile } from '@/lib/attachments/rules';

describe('telling an empty file input from a chosen file', () => {
  it.each([
    ['an empty input posted without JavaScript', '', 0, false],
    ['an empty input posted through React (its missing name stringified)', 'undefined', 0, false],
    ['a chosen photo', 'foto.jpg', 2048, true],
    // Refused later with "está vazio", so that the citizen learns which file was wrong.
    ['a chosen file with no bytes', 'vazio.pdf', 0, true],
    ['bytes with no name', '', 10, true],
  ])('%s', (_case, name, size, chosen) => {
    expect(isChosenFile({ name, size })).toBe(chosen);
  });
});
