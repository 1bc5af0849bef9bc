import { placeOfPoint, type PlaceOfPoint } from '@/lib/geo/place';

/**
 * A location shared in the chat is checked as the web form's pin is: a point outside the município is
 * refused while the citizen can still send another (the intake would refuse it at the very end). Inside,
 * the intake derives the bairro from the point where the município has drawn it.
 */
export function refusalOfSharedLocation(location: { latitude: number; longitude: number }, neighbourhoods: readonly { id: string; name: string }[]): string | undefined {
  const place = placeOfPoint({ lat: location.latitude, lng: location.longitude }, neighbourhoods);
  return place.ok ? undefined : 'Esta localização fica fora do município. Envie a localização do lugar do pedido, dentro do município, ou digite o endereço.';
}

/**
 * The same check, with the bairro the point falls in where the município has drawn its bairros: the
 * conversation then does not ask for it (it asks only when the point says nothing).
 */
export function placeOfSharedLocation(location: { latitude: number; longitude: number }, neighbourhoods: readonly { id: string; name: string }[]): PlaceOfPoint {
  const refusal = refusalOfSharedLocation(location, neighbourhoods);
  if (refusal) return { ok: false, message: refusal };
  return placeOfPoint({ lat: location.latitude, lng: location.longitude }, neighbourhoods);
}
