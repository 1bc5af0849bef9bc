import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { categories, neighbourhoods } from '@/lib/db/schema';

/** Valid intake objects over the seeded reference data, shared by tests. */

export async function balcaoCategory(slug = 'tapa-buraco') {
  const db = await getDb();
  const [category] = await db.select().from(categories).where(and(eq(categories.service, 'balcao'), eq(categories.slug, slug)));
  if (!category) throw new Error(`No seeded category ${slug}`);
  return category;
}

export async function aNeighbourhood(name = 'Centro') {
  const db = await getDb();
  const [row] = await db.select().from(neighbourhoods).where(eq(neighbourhoods.name, name));
  if (!row) throw new Error(`No seeded bairro ${name}`);
  return row;
}

export function ouvidoriaInput(overrides: Record<string, unknown> = {}) {
  return {
    service: 'ouvidoria',
    kind: 'complaint',
    subject: 'Demora no atendimento',
    description: 'Esperei quatro horas na unidade de saúde sem nenhuma informação da equipe.',
    identity: 'identified',
    name: 'Maria da Silva',
    email: 'maria@exemplo.com.br',
    ...overrides,
  };
}

export async function balcaoInput(overrides: Record<string, unknown> = {}) {
  const category = await balcaoCategory();
  const bairro = await aNeighbourhood();
  return {
    service: 'balcao',
    categoryId: category.id,
    description: 'Buraco grande no asfalto, carros desviando pela contramão.',
    addressLine: 'Rua Amando de Barros, 1200',
    neighbourhoodId: bairro.id,
    details: { reference_point: 'Em frente à padaria' },
    identity: 'identified',
    name: 'José Santos',
    phone: '(14) 99123-4567',
    notifyByWhatsapp: 'on',
    ...overrides,
  };
}
