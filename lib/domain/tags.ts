import { z } from 'zod';
import { lineText } from './plain-text';
import { DEMAND_PRIORITIES } from './vocabulary';

const tagName = lineText({ error: 'Informe o nome da etiqueta.' })
  .min(2, { error: 'O nome precisa ter pelo menos 2 caracteres.' })
  .max(40, { error: 'O nome pode ter até 40 caracteres.' });

/** The admin's etiqueta form: a name, and the secretaria it belongs to (none: every team uses it). */
export const TagSchema = z.object({
  name: tagName,
  departmentId: z.preprocess((value) => (value === '' || value === null ? null : value), z.uuid({ error: 'Escolha uma secretaria da lista.' }).nullable().default(null)),
});

/** Renaming an etiqueta: the same name rules as creating one; its secretaria stays. */
export const RenameTagSchema = z.object({ name: tagName });

/** An etiqueta of a secretaria that does not hold the demand (a macro's, or a forged post). */
export const TAG_OF_ANOTHER_DEPARTMENT = 'A etiqueta não pode ser usada nesta manifestação: ela é de outra secretaria.';

/** The etiquetas a demand should carry after the form: the whole set, as checkboxes post it. */
export const SetTagsSchema = z.object({
  demandId: z.uuid({ error: 'Manifestação inválida.' }),
  tagIds: z.preprocess(
    (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value.filter((v) => v !== '') : [value]),
    z.array(z.uuid({ error: 'Escolha etiquetas da lista.' })).max(20, { error: 'Escolha no máximo 20 etiquetas.' }),
  ),
});

export const SetPrioritySchema = z.object({
  demandId: z.uuid({ error: 'Manifestação inválida.' }),
  priority: z.enum(DEMAND_PRIORITIES, { error: 'Escolha a prioridade.' }),
});
