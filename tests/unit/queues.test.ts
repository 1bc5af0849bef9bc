import { describe, expect, it } from 'vitest';
import { filtersFromSearch, queueFromSlug, queuesFor, QueueSearchSchema, splitViewPath } from '@/lib/domain/queues';
import { ROLES } from '@/lib/domain/vocabulary';

describe('the queue page’s query string', () => {
  it('brings an action taken beside the queue back to the same queue, filters and page, with the demand open', () => {
    const path = splitViewPath('fila=atrasadas&texto=buraco&ordem=newest&pagina=2&demanda=2026-000009-1', '2026-000001-5', 'nota');
    const url = new URL(path, 'https://ouvidoria.example');
    expect(url.pathname).toBe('/painel');
    expect(Object.fromEntries(url.searchParams)).toEqual({ fila: 'atrasadas', texto: 'buraco', ordem: 'newest', pagina: '2', demanda: '2026-000001-5', feito: 'nota' });
  });

  it('never turns the posted queue into another address or a parameter the queue does not know', () => {
    for (const posted of ['https://phishing.example/painel', '//phishing.example', 'next=https://phishing.example&fila=triagem', 'fila=../../entrar']) {
      const url = new URL(splitViewPath(posted, '2026-000001-5', 'nota'), 'https://ouvidoria.example');
      expect(url.origin).toBe('https://ouvidoria.example');
      expect(url.pathname).toBe('/painel');
      expect([...url.searchParams.keys()].every((key) => ['fila', 'demanda', 'feito'].includes(key))).toBe(true);
    }
  });

  it('reads an empty query as no filters', () => {
    const search = QueueSearchSchema.parse({});
    expect(filtersFromSearch(search)).toEqual({});
    expect(search.pagina).toBeUndefined();
  });

  it('keeps valid filters and drops values edited into nonsense', () => {
    const search = QueueSearchSchema.parse({
      fila: 'atrasadas',
      texto: '  buraco  ',
      servico: 'balcao',
      situacao: 'no_such_state',
      secretaria: 'not-a-uuid',
      de: '2026-02-30x',
      ate: '2026-03-31',
      pagina: ['3', '9'],
      ordem: 'newest',
    });
    expect(search).toMatchObject({ fila: 'atrasadas', texto: 'buraco', servico: 'balcao', ate: '2026-03-31', pagina: 3, ordem: 'newest' });
    expect(search.situacao).toBeUndefined();
    expect(search.secretaria).toBeUndefined();
    expect(search.de).toBeUndefined();
  });

  it('opens each role on its own first queue and refuses queues it does not have', () => {
    expect(queueFromSlug(undefined, 'ombudsman')).toBe('triage');
    expect(queueFromSlug(undefined, 'department')).toBe('department');
    expect(queueFromSlug('triagem', 'department')).toBe('department');
    expect(queueFromSlug('atrasadas', 'manager')).toBe('overdue');
    expect(queueFromSlug(undefined, 'manager')).toBe('awaiting');
  });

  it.each(ROLES)('gives %s the queues of its work', (role) => {
    const queues = queuesFor(role);
    if (role === 'citizen' || role === 'admin') expect(queues).toEqual([]);
    // The appeal authority's own queue is the appeals (/painel/recursos); here it reads the LAI requests.
    else if (role === 'appeal_authority') expect(queues).toEqual(['all']);
    else expect(queues).toEqual(expect.arrayContaining(['awaiting', 'due_soon', 'overdue', 'all']));
    expect(queues.includes('triage')).toBe(role === 'ombudsman' || role === 'attendant');
    expect(queues.includes('department')).toBe(role === 'department' || role === 'internal_control');
  });
});
