import 'server-only';
import { suggestDuplicates } from '@/lib/demands/duplicates';
import type { DuplicateSuggestion } from '@/lib/db/queries/duplicate-suggestions';
import { formatDate, STATE_LABELS } from '@/lib/domain/labels';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import type { DemandState } from '@/lib/domain/vocabulary';
import { DUPLICATE_CHECK_FIELD, JOIN_DEMAND_FIELD, type SuggestionView } from '@/components/demand/duplicate-suggestions-model';

/** The Balcão form's fields about duplicates, which are not part of the intake object. */
export const DUPLICATE_FORM_FIELDS = [DUPLICATE_CHECK_FIELD, JOIN_DEMAND_FIELD] as const;

/** "Já pediram isto aqui perto" for the Balcão form, as the citizen reads it. */
export async function duplicateSuggestionsFor(input: Record<string, unknown>): Promise<SuggestionView[]> {
  const suggestions = await suggestDuplicates(input);
  return suggestions.map(suggestionView);
}

function suggestionView(suggestion: DuplicateSuggestion): SuggestionView {
  const where = suggestion.distanceMeters !== null ? `a cerca de ${Math.max(5, Math.round(suggestion.distanceMeters / 5) * 5)} m do local informado` : 'descrição parecida com a sua';
  return {
    id: suggestion.id,
    protocol: suggestion.protocol,
    state: STATE_LABELS[suggestion.state as DemandState] ?? suggestion.state,
    filedOn: formatDate(dateInSaoPaulo(suggestion.createdAt)),
    neighbourhood: suggestion.neighbourhoodName,
    where,
    followers: suggestion.followers,
  };
}
