import { notFound, redirect } from 'next/navigation';
import { getSavedView } from '@/lib/db/queries/saved-views';
import { requireStaffPage } from '../../staff-page';

/**
 * Opens a saved view: the queue page with the view's query string. Only one's own views and those shared
 * with one's secretaria open (any other is "not found"); the queue page then checks the queue again.
 */
export default async function SavedViewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireStaffPage(`/painel/visoes/${id}`);
  const view = await getSavedView({ actor, id });
  if (!view) notFound();
  redirect(`/painel?${view.query}&visao=${view.id}`);
}
