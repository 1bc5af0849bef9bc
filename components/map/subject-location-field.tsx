'use client';

import { useEffect, useRef, useState } from 'react';
import type { MapSettings } from '@/lib/geo/map-settings';
import { LocationField } from './location-field';

type Props = {
  settings: MapSettings;
  /** Subjects (categoryId values) the município asks a place for. */
  subjectIds: string[];
  values: Record<string, string>;
  errors: Partial<Record<string, string[]>>;
};

/**
 * The Ouvidoria form's location: shown while the chosen "Tema" is one the município asks a place for
 * (the form's categoryId select). Without JavaScript the Ouvidoria form takes no point, as before.
 */
export function SubjectLocationField({ settings, subjectIds, values, errors }: Props) {
  const anchor = useRef<HTMLSpanElement>(null);
  const [subject, setSubject] = useState(values.categoryId ?? '');

  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    const follow = (event: Event) => {
      if (event.target instanceof HTMLSelectElement && event.target.name === 'categoryId') setSubject(event.target.value);
    };
    form.addEventListener('change', follow);
    return () => form.removeEventListener('change', follow);
  }, []);

  return (
    <>
      <span ref={anchor} hidden />
      {subjectIds.includes(subject) && <LocationField settings={settings} values={values} errors={errors} />}
    </>
  );
}
