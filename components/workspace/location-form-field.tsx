'use client';

import { LocationField } from '@/components/map/location-field';
import type { MapSettings } from '@/lib/geo/map-settings';
import { useWorkspaceFormState } from './action-form';

/** The Balcão form's location field inside a workspace ActionForm: the point staff mark fills the same columns. */
export function LocationFormField({ settings }: { settings: MapSettings }) {
  const state = useWorkspaceFormState();
  const values = state.status === 'error' || state.status === 'draft' ? state.values : {};
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return <LocationField settings={settings} values={values} errors={errors} />;
}
