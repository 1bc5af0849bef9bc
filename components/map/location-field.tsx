'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { insideMunicipality, pointInArea, type LatLng } from '@/lib/domain/geo';
import type { MapSettings } from '@/lib/geo/map-settings';
import { fieldId, inputClass } from '@/components/ui/field';
import { addressAt, searchAddress, type GeocodedPlace } from './geocoder';

const LeafletPicker = dynamic(() => import('./leaflet-picker'), {
  ssr: false,
  loading: () => <p className="flex h-80 items-center justify-center rounded border border-slate-500 bg-slate-50">Carregando o mapa…</p>,
});

type Props = {
  settings: MapSettings;
  values: Record<string, string>;
  errors: Partial<Record<string, string[]>>;
};

const noSubscription = () => () => {};

function pointFrom(values: Record<string, string>): LatLng | null {
  const lat = Number(values.latitude);
  const lng = Number(values.longitude);
  return values.latitude && values.longitude && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
}

function coordinates(point: LatLng): string {
  return `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`;
}

/**
 * "Onde": a pin on a map, the browser's position or an address search fill the hidden latitude and
 * longitude; the bairro list and an empty address follow the pin. Everything the pin does is read out
 * (aria-live). Without JavaScript only the hidden fields render, and the form is filed with the typed
 * address and bairro as before.
 */
export function LocationField({ settings, values, errors }: Props) {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [point, setPoint] = useState<LatLng | null>(() => pointFrom(values));
  const [readout, setReadout] = useState('');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<GeocodedPlace[] | null>(null);
  const [problem, setProblem] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const lookup = useRef<{ timer?: ReturnType<typeof setTimeout>; controller?: AbortController }>({});
  const instructionsId = useId();
  const errorList = errors.latitude ?? errors.longitude;

  useEffect(() => {
    const pending = lookup.current;
    return () => {
      clearTimeout(pending.timer);
      pending.controller?.abort();
    };
  }, []);

  const formField = useCallback((name: string) => {
    const element = rootRef.current?.closest('form')?.elements.namedItem(name);
    return element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? element : null;
  }, []);

  const place = useCallback(
    (next: LatLng, how: 'click' | 'drag' | 'keyboard' | 'gps' | 'search', label?: string) => {
      setPoint(next);
      setProblem('');
      clearTimeout(lookup.current.timer);
      lookup.current.controller?.abort();
      if (!insideMunicipality(next, settings.boundary)) {
        setReadout(`Atenção: este ponto fica fora do município de ${settings.cityName}. Marque um local dentro do município.`);
        return;
      }
      const area = settings.areas.find((candidate) => pointInArea(next, candidate.geometry));
      const bairroSelect = formField('neighbourhoodId');
      if (area && bairroSelect instanceof HTMLSelectElement) bairroSelect.value = area.neighbourhoodId;
      const inBairro = area ? ` no bairro ${area.name}` : '';
      // Arrow keys repeat fast: the read-out waits for the pin to rest.
      lookup.current.timer = setTimeout(
        async () => {
          const controller = new AbortController();
          lookup.current.controller = controller;
          const address = label ?? (await addressAt(settings.geocoderUrl, next, controller.signal).catch(() => undefined));
          if (controller.signal.aborted) return;
          const addressInput = formField('addressLine');
          if (address && addressInput instanceof HTMLInputElement && !addressInput.value.trim()) addressInput.value = address.slice(0, 200);
          setReadout(`Local marcado${inBairro}: ${address ?? `coordenadas ${coordinates(next)}`}.${how === 'keyboard' ? ' Use as setas para ajustar.' : ''}`);
        },
        how === 'keyboard' ? 700 : 0,
      );
      setReadout(`Local marcado${inBairro}. Buscando o endereço…`);
    },
    [settings, formField],
  );

  const useMyPosition = () => {
    if (!('geolocation' in navigator)) {
      setProblem('Este navegador não informa a localização. Marque o local no mapa ou busque o endereço.');
      return;
    }
    setReadout('Buscando a sua localização…');
    navigator.geolocation.getCurrentPosition(
      (position) => place({ lat: position.coords.latitude, lng: position.coords.longitude }, 'gps'),
      (error) =>
        setProblem(
          error.code === error.PERMISSION_DENIED
            ? 'O navegador não permitiu usar a sua localização. Marque o local no mapa ou busque o endereço.'
            : 'Não foi possível obter a sua localização agora. Marque o local no mapa ou busque o endereço.',
        ),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const search = async () => {
    const text = query.trim();
    if (text.length < 3) {
      setProblem('Digite pelo menos 3 letras da rua ou do lugar para procurar.');
      return;
    }
    setProblem('');
    setReadout('Procurando…');
    try {
      const found = await searchAddress(settings.geocoderUrl, `${text}, ${settings.cityName}`, settings.bounds);
      setResults(found);
      setReadout(found.length ? `${found.length === 1 ? '1 endereço encontrado' : `${found.length} endereços encontrados`}. Escolha um na lista.` : 'Nenhum endereço encontrado. Tente outro nome de rua ou marque no mapa.');
    } catch {
      setResults(null);
      setProblem('A busca de endereços não respondeu. Marque o local no mapa ou tente de novo.');
    }
  };

  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter here searches; it must not post the whole form.
    if (event.key === 'Enter') {
      event.preventDefault();
      void search();
    }
  };

  const clear = () => {
    setPoint(null);
    setResults(null);
    setReadout('Marcação removida. O pedido segue com o endereço e o bairro informados.');
  };

  return (
    <div ref={rootRef} className={errorList?.length ? 'border-l-4 border-red-700 pl-3' : undefined}>
      <input type="hidden" name="latitude" value={point ? point.lat.toFixed(6) : ''} />
      <input type="hidden" name="longitude" value={point ? point.lng.toFixed(6) : ''} />
      {errorList?.length ? (
        <p id={fieldId('latitude')} tabIndex={-1} className="font-medium text-red-700">
          <span className="sr-only">Erro: </span>
          {errorList.join(' ')}
        </p>
      ) : null}
      {hydrated && (
        <section aria-labelledby={`${instructionsId}-titulo`} className="mt-2 space-y-3">
          <p id={`${instructionsId}-titulo`} className="font-semibold">
            Local no mapa <span className="font-normal text-slate-700">(opcional)</span>
          </p>
          <p id={instructionsId} className="text-sm text-slate-700">
            Marque o local clicando no mapa ou arrastando o pino. Pelo teclado: entre no mapa com Tab, tecle Enter para pôr o pino no centro e use as setas para movê-lo (com Shift, passos maiores); + e − mudam o zoom.
          </p>
          <div className="flex flex-wrap gap-3">
            <button type="button" onClick={useMyPosition} className="rounded border border-brand px-3 py-2 font-semibold text-brand hover:bg-slate-100">
              Usar minha localização
            </button>
            {point && (
              <button type="button" onClick={clear} className="rounded border border-slate-500 px-3 py-2 hover:bg-slate-100">
                Remover marcação
              </button>
            )}
          </div>
          <div>
            <label htmlFor={`${instructionsId}-busca`} className="block font-semibold">
              Procurar rua ou lugar no mapa
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id={`${instructionsId}-busca`}
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={searchOnEnter}
                autoComplete="off"
                className={`${inputClass} mt-0`}
              />
              <button type="button" onClick={() => void search()} className="shrink-0 rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
                Procurar
              </button>
            </div>
            {results && results.length > 0 && (
              <ul className="mt-2 space-y-1" aria-label="Endereços encontrados">
                {results.map((result) => (
                  <li key={`${result.point.lat},${result.point.lng}`}>
                    <button
                      type="button"
                      className="text-left text-brand underline"
                      onClick={() => {
                        setResults(null);
                        place(result.point, 'search', result.label);
                      }}
                    >
                      {result.label}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {problem && (
            <p role="alert" className="font-medium text-red-700">
              {problem}
            </p>
          )}
          <LeafletPicker settings={settings} point={point} onPick={place} instructionsId={instructionsId} />
          <p aria-live="polite" aria-atomic="true" className="min-h-6 text-sm font-medium" data-testid="leitura-do-pino">
            {readout || (point ? `Local marcado: coordenadas ${coordinates(point)}.` : 'Nenhum local marcado.')}
          </p>
        </section>
      )}
    </div>
  );
}
