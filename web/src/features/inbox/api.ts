import { get, post, type Page } from '@/api/client';

// 站内消息 (server/modules/inbox): the signed-in user's own messages.
export interface InboxMessage {
  id: number;
  kind: string;
  // The kind in Chinese, as the server words it (任务交办, 填报退回 …).
  kindLabel: string;
  title: string;
  body: string;
  object: { type: string; id: string } | null;
  // The page the message opens (/tasks/12), or null.
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage extends Page<InboxMessage> {
  unreadCount: number;
}

export const listInbox = (filter: { unread: boolean }, cursor?: string | null) =>
  get<InboxPage>('/api/inbox', { unread: filter.unread ? 'true' : undefined, cursor, limit: 30 });

export const getUnreadCount = () => get<{ count: number }>('/api/inbox/unread-count');

export const markMessageRead = (id: number) =>
  post<{ message: InboxMessage; unreadCount: number }>(`/api/inbox/${id}/read`);

// Up to the newest message on screen: one that arrives meanwhile stays unread.
export const markAllRead = (upToId?: number) =>
  post<{ marked: number; unreadCount: number }>('/api/inbox/read-all', upToId ? { upToId } : undefined);
