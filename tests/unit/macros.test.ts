import { describe, expect, it } from 'vitest';
import { macroRefusal, templateMisfit, type MacroAction, type MacroTarget } from '@/lib/domain/macros';
import type { DemandKind, DemandState, Role } from '@/lib/domain/vocabulary';

/**
 * Whether a macro fits a demand: the rule behind both the macros the demand page offers and applyMacro.
 * Each line: the macro (action, with or without an etiqueta the demand may carry, or another secretaria's),
 * the demand (service, kind, state), who clicks, and the answer — `ok`, `performer` (403) or `demand` (409).
 */
const TABLE: [MacroAction, 'none' | 'own' | 'foreign', MacroTarget['service'], DemandKind, DemandState, Role, 'ok' | 'performer' | 'demand'][] = [
  ['answer', 'none', 'ouvidoria', 'complaint', 'forwarded', 'ombudsman', 'ok'],
  ['answer', 'own', 'ouvidoria', 'complaint', 'in_progress', 'ombudsman', 'ok'],
  // A LAI request is answered with its outcome form, never with a plain final answer.
  ['answer', 'none', 'ouvidoria', 'information', 'forwarded', 'ombudsman', 'demand'],
  ['answer', 'own', 'ouvidoria', 'information', 'in_progress', 'ombudsman', 'demand'],
  ['public_reply', 'own', 'ouvidoria', 'information', 'forwarded', 'ombudsman', 'ok'],
  ['request_info', 'none', 'ouvidoria', 'information', 'forwarded', 'department', 'ok'],
  ['note', 'none', 'ouvidoria', 'information', 'answered', 'ombudsman', 'ok'],
  // The state table: nothing more to reply or ask once answered; a note still fits.
  ['answer', 'none', 'ouvidoria', 'complaint', 'answered', 'ombudsman', 'demand'],
  ['public_reply', 'none', 'balcao', 'service_request', 'closed', 'attendant', 'demand'],
  ['request_info', 'none', 'ouvidoria', 'complaint', 'awaiting_citizen', 'ombudsman', 'demand'],
  ['note', 'own', 'ouvidoria', 'complaint', 'archived', 'department', 'ok'],
  // Who: a department never sends the final answer of a manifestação, but does that of a service request.
  ['answer', 'none', 'ouvidoria', 'complaint', 'forwarded', 'department', 'performer'],
  ['answer', 'own', 'balcao', 'service_request', 'forwarded', 'department', 'ok'],
  ['public_reply', 'none', 'ouvidoria', 'complaint', 'forwarded', 'internal_control', 'performer'],
  ['note', 'none', 'ouvidoria', 'complaint', 'forwarded', 'manager', 'performer'],
  // An etiqueta of a secretaria that does not hold the demand.
  ['public_reply', 'foreign', 'ouvidoria', 'complaint', 'forwarded', 'ombudsman', 'demand'],
  ['note', 'foreign', 'balcao', 'service_request', 'closed', 'department', 'demand'],
];

const OWN = '11111111-1111-4111-8111-111111111111';
const FOREIGN = '22222222-2222-4222-8222-222222222222';
const BODY = 'Recebemos a sua manifestação e ela já está com a equipe responsável.';

describe('macroRefusal', () => {
  it.each(TABLE)('%s (etiqueta %s) on a %s %s, %s, by %s: %s', (action, tag, service, kind, state, performer, expected) => {
    const tagId = tag === 'none' ? null : tag === 'own' ? OWN : FOREIGN;
    const refusal = macroRefusal({ action, tagId, body: BODY }, { service, kind, state, availableTagIds: [OWN] }, performer);
    expect(refusal?.reason ?? 'ok').toBe(expected);
    if (refusal) expect(refusal.message).not.toBe('');
  });

  it('tells why a LAI request refuses the final-answer macro', () => {
    expect(macroRefusal({ action: 'answer', tagId: null, body: BODY }, { service: 'ouvidoria', kind: 'information', state: 'forwarded', availableTagIds: [] }, 'ombudsman')).toEqual({
      reason: 'demand',
      message: 'Um pedido de acesso à informação é respondido com o seu resultado (concedido, negado…).',
    });
  });

  it('never offers a macro whose template its action would refuse: a final answer needs 20 characters, a complementação at most 4,000', () => {
    const complaint: MacroTarget = { service: 'ouvidoria', kind: 'complaint', state: 'forwarded', availableTagIds: [] };
    const short = 'Resolvido, obrigado.'.slice(0, 15);
    expect(macroRefusal({ action: 'answer', tagId: null, body: short }, complaint, 'ombudsman')).toEqual({
      reason: 'demand',
      message: 'O texto do modelo não serve para “Resposta conclusiva (fica “Respondida”)”: Escreva a resposta conclusiva (pelo menos 20 caracteres).',
    });
    expect(macroRefusal({ action: 'public_reply', tagId: null, body: short }, complaint, 'ombudsman')).toBeNull();
    expect(templateMisfit('request_info', 'x'.repeat(4001))).toMatch(/até 4\.000 caracteres/);
    expect(templateMisfit('note', 'x'.repeat(8000))).toBeNull();
  });
});
