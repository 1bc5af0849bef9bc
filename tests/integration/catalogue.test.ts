import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories } from '@/lib/db/schema';
import { catalogueChanged } from '@/lib/db/queries/catalogue-cache';
import { findBalcaoServiceBySlug, listBalcaoServices, listNeighbourhoods, listOuvidoriaSubjects } from '@/lib/db/queries/catalogue';
import { municipality } from '@/lib/municipality';

const slugsFor = async (query: string) => (await listBalcaoServices({ query })).map((service) => service.slug);

describe('Balcão catalogue', () => {
  it('lists every active service with its secretaria and deadline', async () => {
    const services = await listBalcaoServices();
    expect(services).toHaveLength(municipality.services.length);
    expect(services.find((service) => service.slug === 'tapa-buraco')).toMatchObject({
      name: 'Tapa-buraco',
      deadlineDays: 15,
      departmentName: 'Secretaria Municipal de Infraestrutura',
    });
  });

  it('searches names and descriptions ignoring accents, case and small words', async () => {
    expect(await slugsFor('arvore')).toEqual(['poda-de-arvore', 'remocao-de-arvore']);
    expect(await slugsFor('ÁRVORE')).toEqual(['poda-de-arvore', 'remocao-de-arvore']);
    expect(await slugsFor('ILUMINACAO')).toEqual(['iluminacao-publica']);
    expect(await slugsFor('lâmpada')).toEqual(['iluminacao-publica']);
    expect(await slugsFor('poda de arvore')).toEqual(['poda-de-arvore']);
    expect(await slugsFor('buraco asfalto')).toEqual(['tapa-buraco']);
  });

  it('reads punctuation, LIKE wildcards included, as no words at all', async () => {
    expect(await slugsFor('%_%')).toHaveLength(municipality.services.length);
    expect(await slugsFor('poda%')).toEqual(['poda-de-arvore']);
    expect(await slugsFor('xyz')).toEqual([]);
  });

  it('hides inactive services from the list and from their page', async () => {
    const db = await getDb();
    await db.update(categories).set({ active: false }).where(eq(categories.slug, 'cata-treco'));
    // Written here by hand, as an admin's edit would be (lib/admin), so told to the catalogue snapshot the same way.
    await catalogueChanged();
    expect(await slugsFor('')).not.toContain('cata-treco');
    expect(await findBalcaoServiceBySlug({ slug: 'cata-treco' })).toBeUndefined();
    expect(await findBalcaoServiceBySlug({ slug: 'poda-de-arvore' })).toMatchObject({ fields: [expect.objectContaining({ name: 'tree_location' }), expect.anything()] });
  });

  it('offers the Ouvidoria subjects and the bairros', async () => {
    expect((await listOuvidoriaSubjects()).map((subject) => subject.name)).toContain('Conduta de servidor público');
    expect(await listNeighbourhoods()).toHaveLength(municipality.neighbourhoods.length);
  });
});
