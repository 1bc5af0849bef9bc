import { messengerWebhookHandlers } from '@/lib/channels/messenger/route-handlers';

export const dynamic = 'force-dynamic';

/** Messenger Platform webhook for the Facebook Page (object "page"). */
export const { GET, POST } = messengerWebhookHandlers('messenger');
