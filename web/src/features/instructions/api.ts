// Leaders' instructions (批示) and the watch-list (关注): one typed function per route. The types are the
// server's own (generated from the OpenAPI document).
import { get, newIdempotencyKey, post, request } from '@/api/client';
import type { Answer, Body, QueryOf, Schemas } from '@/api/types';

export type Instruction = Schemas['Instruction'];
export type InstructionKind = Instruction['kind'];
export type InstructionPage = Answer<'listInstructions'>;
export type InstructionQuery = QueryOf<'listInstructions'>;
export type FollowUpBody = Body<'followUpInstruction'>;
export type Watch = Schemas['Watch'];
export type WatchFeed = Answer<'watchFeed'>;
export type FeedItem = WatchFeed['items'][number];

export const KIND_OPTIONS: Array<{ value: InstructionKind; label: string; hint: string }> = [
  { value: 'act', label: '批办', hint: '责任单位须反馈落实情况，工作人员确认落实完毕' },
  { value: 'guide', label: '指导', hint: '工作指导意见，无需反馈' },
  { value: 'read', label: '阅知', hint: '已阅，无需反馈' },
];

export const listInstructions = (query: InstructionQuery = {}) =>
  get<InstructionPage>('/api/instructions', query);
export const listInstructionsOn = (targetType: string, targetId: number) =>
  get<Instruction[]>('/api/instructions/on', { targetType, targetId });
export const createInstruction = (
  body: Body<'createInstruction'>,
  idempotencyKey: string = newIdempotencyKey(),
) => post<Instruction>('/api/instructions', body, { idempotencyKey });

// Each step sends the version shown (If-Match): a stale page answers 412.
export const followUpInstruction = (
  i: Instruction,
  body: FollowUpBody,
  idempotencyKey = newIdempotencyKey(),
) =>
  request<Instruction>('POST', `/api/instructions/${i.id}/follow-ups`, {
    body,
    ifMatch: i.version,
    idempotencyKey,
  });
export const confirmInstruction = (i: Instruction, comment: string) =>
  request<Instruction>('POST', `/api/instructions/${i.id}/confirm`, {
    body: comment ? { comment } : {},
    ifMatch: i.version,
  });
export const askForMore = (i: Instruction, comment: string) =>
  request<Instruction>('POST', `/api/instructions/${i.id}/more`, { body: { comment }, ifMatch: i.version });

export const listWatches = (query: QueryOf<'listWatches'> = {}) => get<Watch[]>('/api/watches', query);
export const addWatch = (targetType: string, targetId: number) =>
  post<Watch>('/api/watches', { targetType, targetId });
export const removeWatch = (id: number) => request<void>('DELETE', `/api/watches/${id}`);
export const watchFeed = (query: QueryOf<'watchFeed'> = {}) => get<WatchFeed>('/api/watches/feed', query);
