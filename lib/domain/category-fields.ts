/** Extra questions a Balcão service asks on its form, stored with the category. */
export type CategoryField = {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'select';
  required: boolean;
  options?: readonly string[];
  hint?: string;
};

/**
 * Checks a request's answers against its service's questions: required ones answered, select answers among
 * the options. Returns the answers to keep (unknown names dropped) and an error per field, keyed as the
 * form names them (`details.<name>`).
 */
export function answerServiceFields(
  fields: readonly CategoryField[],
  answers: Partial<Record<string, unknown>>,
): { details: Record<string, string>; fieldErrors: Record<string, string[]> } {
  const details: Record<string, string> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const field of fields) {
    const raw = answers[field.name];
    const answer = typeof raw === 'string' ? raw.trim() : '';
    if (field.required && !answer) {
      fieldErrors[`details.${field.name}`] = ['Responda esta pergunta.'];
    } else if (answer && field.type === 'select' && !field.options?.includes(answer)) {
      fieldErrors[`details.${field.name}`] = ['Escolha uma das opções.'];
    } else if (answer) {
      details[field.name] = answer;
    }
  }
  return { details, fieldErrors };
}
