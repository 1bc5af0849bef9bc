import { describe, expect, it } from 'vitest';
import { preparedStatementsEnabled } from '@/lib/db/prepared';

describe('DATABASE_PREPARE', () => {
  it('keeps named statements unless turned off, and refuses a value it does not know', () => {
    expect(preparedStatementsEnabled({})).toBe(true);
    expect(preparedStatementsEnabled({ DATABASE_PREPARE: 'on' })).toBe(true);
    expect(preparedStatementsEnabled({ DATABASE_PREPARE: 'OFF' })).toBe(false);
    expect(() => preparedStatementsEnabled({ DATABASE_PREPARE: 'no' })).toThrow(/DATABASE_PREPARE/);
  });
});
