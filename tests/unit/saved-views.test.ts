import { describe, expect, it } from 'vitest';
import { queryRecord, SaveViewSchema, viewQuery } from '@/lib/domain/saved-views';
import { BulkActionSchema } from '@/lib/domain/bulk-actions';

describe('a saved view’s query string', () => {
  it.each([
    ['fila=triagem&ordem=risk&pagina=4&demanda=2026-000001-1&visao=x&lixo=1', 'ombudsman', 'fila=triagem&ordem=risk'],
    ['fila=triagem&texto=+buraco+&situacao=nonsense', 'department', 'fila=secretaria&texto=buraco'],
    ['', 'manager', 'fila=aguardando'],
    ['fila=atrasadas&servico=balcao&de=2026-01-01&ordem=deadline', 'attendant', 'fila=atrasadas&servico=balcao&de=2026-01-01&ordem=deadline'],
  ] as const)('keeps %s for %s as %s', (query, role, kept) => {
    expect(viewQuery(queryRecord(query), role)).toBe(kept);
  });

  it('needs a name and reads the checkbox', () => {
    expect(SaveViewSchema.safeParse({ name: ' ', query: '', share: '' }).success).toBe(false);
    expect(SaveViewSchema.parse({ name: 'Minhas', query: 'fila=minhas', share: 'on' })).toMatchObject({ name: 'Minhas', share: true });
  });
});

describe('the bulk action’s input', () => {
  const id = '0b6f3f55-5b0b-4d55-9d6e-3e4f3a3c2b1a';
  it.each([
    [{ demandIds: id, operation: 'assign', assigneeId: id }, true],
    [{ demandIds: [id, id], operation: 'forward', departmentId: id }, true],
    [{ operation: 'assign', assigneeId: id }, false],
    [{ demandIds: id, operation: 'assign', departmentId: id }, false],
    [{ demandIds: id, operation: 'forward', assigneeId: id }, false],
    [{ demandIds: id, operation: 'archive', assigneeId: id }, false],
    [{ demandIds: Array.from({ length: 51 }, () => id), operation: 'assign', assigneeId: id }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(BulkActionSchema.safeParse(input).success).toBe(valid);
  });
});
