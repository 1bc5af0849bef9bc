/** Our own type for a message stored without its content because it held control characters (any platform). */
export const CONTROL_CHARACTERS_TYPE = 'control_characters';
