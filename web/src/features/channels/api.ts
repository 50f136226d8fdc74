import { get, post, put, request } from '@/api/client';
import type { Answer, Body } from '@/api/types';

// 通知渠道 (server/modules/channels): set by the security administrator; typed from the OpenAPI document.
export type ChannelSettings = Answer<'getChannelSettings'>;
export type ChannelSettingsBody = Body<'saveChannelSettings'>;
export type Webhook = Answer<'listWebhooks'>[number];
export type WebhookBody = Body<'createWebhook'>;
export type FailedDelivery = Answer<'listFailedDeliveries'>[number];
export type NotificationSettings = Answer<'getMyNotificationSettings'>;
export type NotificationSettingsBody = Body<'saveMyNotificationSettings'>;
export type DeliveryMode = NonNullable<
  NotificationSettingsBody['modes'][keyof NotificationSettingsBody['modes']]
>;

export const getChannelSettings = () => get<ChannelSettings>('/api/channels/settings');
export const saveChannelSettings = (body: ChannelSettingsBody, version: number) =>
  put<ChannelSettings>('/api/channels/settings', body, version);

export const listWebhooks = () => get<Webhook[]>('/api/channels/webhooks');
export const createWebhook = (body: WebhookBody, idempotencyKey: string) =>
  post<Webhook>('/api/channels/webhooks', body, { idempotencyKey });
export const updateWebhook = (id: number, version: number, body: WebhookBody) =>
  put<Webhook>(`/api/channels/webhooks/${id}`, body, version);
export const deleteWebhook = (id: number, version: number) =>
  request<void>('DELETE', `/api/channels/webhooks/${id}`, { ifMatch: version });

export const listFailedDeliveries = () => get<FailedDelivery[]>('/api/channels/failures');
export const retryDelivery = (id: number) =>
  post<Answer<'retryDelivery'>>(`/api/channels/deliveries/${id}/retry`);

export const getMyNotificationSettings = () => get<NotificationSettings>('/api/me/notification-settings');
export const saveMyNotificationSettings = (body: NotificationSettingsBody, version: number) =>
  put<NotificationSettings>('/api/me/notification-settings', body, version);

export const WEBHOOK_FORMATS: Record<Webhook['format'], string> = {
  dingtalk: '钉钉机器人',
  wecom: '企业微信机器人',
  json: '通用 JSON',
};

export const DELIVERY_MODES: Record<DeliveryMode, string> = {
  immediate: '立即发送',
  digest: '每日汇总',
  inapp: '仅站内',
};
