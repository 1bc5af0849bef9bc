/** Extra questions a Balcão service asks on its form, stored with the category. */
export type CategoryField = {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'select';
  required: boolean;
  options?: readonly string[];
  hint?: string;
};
