import { messengerWebhookHandlers } from '@/lib/channels/messenger/route-handlers';

export const dynamic = 'force-dynamic';

/** Messenger Platform webhook for Instagram messaging (object "instagram"). */
export const { GET, POST } = messengerWebhookHandlers('instagram');
