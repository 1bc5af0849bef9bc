import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, IntakeSchema } from '@/lib/domain/intake-schema';

const ouvidoria = {
  service: 'ouvidoria',
  kind: 'complaint',
  subject: 'Buraco na rua',
  description: 'Há um buraco enorme em frente ao número 100 há três semanas.',
  identity: 'identified',
  name: 'Maria da Silva',
  email: ' Maria@Exemplo.COM.br ',
  phone: '',
  cpf: '',
};

function errorsOf(input: unknown) {
  const result = IntakeSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe('intake schema', () => {
  it('accepts a form post and normalises its fields', () => {
    const result = IntakeSchema.parse({ ...ouvidoria, phone: '(14) 99123-4567', cpf: '529.982.247-25', notifyByWhatsapp: 'on' });
    expect(result).toMatchObject({ email: 'maria@exemplo.com.br', phone: '+5514991234567', cpf: '52998224725', notifyByWhatsapp: true });
  });

  it('reports every wrong field at once, in Portuguese', () => {
    const errors = errorsOf({ ...ouvidoria, kind: 'x', subject: 'a', description: 'curta', email: 'nao-e-email', phone: '123', cpf: '111.111.111-11' });
    expect(Object.keys(errors).sort()).toEqual(['cpf', 'description', 'email', 'kind', 'phone', 'subject']);
    expect(errors.email?.[0]).toMatch(/e-mail válido/);
    expect(errors.cpf?.[0]).toMatch(/CPF inválido/);
  });

  it('asks an identified requester for a name and a way to answer', () => {
    const errors = errorsOf({ ...ouvidoria, name: '', email: '' });
    expect(errors.name?.[0]).toMatch(/nome/);
    expect(errors.email?.[0]).toMatch(/e-mail ou um celular/);
  });

  it('keeps no identity for an anonymous demand, whatever was typed', () => {
    const result = IntakeSchema.parse({ ...ouvidoria, identity: 'anonymous', cpf: '529.982.247-25', notifyByWhatsapp: 'on' });
    expect(result).toMatchObject({ identity: 'anonymous', name: undefined, email: undefined, phone: undefined, cpf: undefined, notifyByWhatsapp: false });
  });

  it('needs service, address and bairro for a Balcão request', () => {
    const errors = errorsOf({ service: 'balcao', description: 'Lâmpada apagada há dias', identity: 'anonymous' });
    expect(Object.keys(errors).sort()).toEqual(['addressLine', 'categoryId', 'neighbourhoodId']);
  });

  it('refuses an unknown service', () => {
    expect(errorsOf({ ...ouvidoria, service: 'outro' })).toHaveProperty('service');
  });
});

describe('access-to-information requests', () => {
  it('need the requester identified, though possibly kept confidential (Lei 12.527 art. 10)', () => {
    const anonymous = { ...ouvidoria, kind: 'information', identity: 'anonymous', name: '', email: '' };
    expect(errorsOf(anonymous)).toEqual({ identity: [expect.stringContaining('Lei nº 12.527/2011, art. 10')] });
    expect(errorsOf({ ...anonymous, kind: 'complaint' })).toEqual({});
    expect(errorsOf({ ...ouvidoria, kind: 'information', identity: 'confidential' })).toEqual({});
  });
});
