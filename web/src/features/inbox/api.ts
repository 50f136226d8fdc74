import { get, post } from '@/api/client';
import type { Answer } from '@/api/types';

// 站内消息 (server/modules/inbox): the signed-in user's own messages, typed from the OpenAPI document.
export type InboxPage = Answer<'listInbox'>;
export type InboxMessage = InboxPage['items'][number];

export const listInbox = (filter: { unread: boolean }, cursor?: string | null) =>
  get<InboxPage>('/api/inbox', { unread: filter.unread ? 'true' : undefined, cursor, limit: 30 });

export const getUnreadCount = () => get<Answer<'getUnreadCount'>>('/api/inbox/unread-count');

export const markMessageRead = (id: number) => post<Answer<'markMessageRead'>>(`/api/inbox/${id}/read`);

// Up to the newest message on screen: one that arrives meanwhile stays unread.
export const markAllRead = (upToId?: number) =>
  post<Answer<'markAllMessagesRead'>>('/api/inbox/read-all', upToId ? { upToId } : undefined);
