'use client';

/**
 * components/ui/field.tsx for server components: the fields read their bound form's state with hooks, so
 * a server page (the workspace's forms, admin filters) takes them through this client boundary. Client
 * components import field.tsx itself, so their bundles keep only the fields they use.
 */
export {
  CheckboxField,
  CheckboxGroupField,
  FileField,
  NewPasswordFields,
  RadioGroupField,
  SelectField,
  TextAreaField,
  TextField,
} from './field';
export type { RadioOption, SelectOption } from './field';
