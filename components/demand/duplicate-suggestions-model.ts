/** One open request offered on the Balcão form ("Já pediram isto aqui perto"): only what a stranger may see. */
export type SuggestionView = {
  id: string;
  protocol: string;
  state: string;
  filedOn: string;
  neighbourhood: string | null;
  /** "a cerca de 30 m do local informado" or "descrição parecida com a sua". */
  where: string;
  followers: number;
};

/** Set once the citizen was shown the suggestions: the next post files (or joins) without asking again. */
export const DUPLICATE_CHECK_FIELD = 'duplicateCheck';
/** The button that joins an open request posts its id under this name. */
export const JOIN_DEMAND_FIELD = 'joinDemandId';
