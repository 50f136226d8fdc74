import { get, put } from '@/api/client';
import type { Answer, Body } from '@/api/types';

// 提醒与督办规则 (server/modules/reminders): one set of rules for the deployment, typed from the OpenAPI document.
export type ReminderRulesOut = Answer<'getReminderRules'>;
export type ReminderRules = Body<'saveReminderRules'>;

export const getReminderRules = () => get<ReminderRulesOut>('/api/reminders/rules');

export const saveReminderRules = (version: number, body: ReminderRules) =>
  put<ReminderRulesOut>('/api/reminders/rules', body, version);
