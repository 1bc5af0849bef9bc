/** A form field's id from its name (`campo-email`), so an error summary — client or server rendered — can link to it. */
export function fieldId(name: string): string {
  return `campo-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
