import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseEvent } from './api';
import { storyOf } from './story';

const event = (id: number, at: string, action: string, from: string, to: string, payload = {}): CaseEvent =>
  ({
    id,
    at,
    actorName: '陈静',
    action,
    actionLabel: action,
    from,
    to,
    fromLabel: from,
    toLabel: to,
    comment: null,
    payload,
  }) as CaseEvent;

describe('a case story', () => {
  it('puts the task reports among the case events by time and marks steps, records and the task done', () => {
    const detail = {
      timeline: [
        event(1, '2026-12-01T01:00:00Z', 'submit', 'draft', 'submitted'),
        event(2, '2026-12-02T01:00:00Z', 'turn_into_task', 'closed', 'closed', { taskId: 9 }),
        event(3, '2026-12-20T01:00:00Z', 'task_completed', 'closed', 'closed'),
      ],
      task: {
        reports: [
          {
            periodKey: '2026-12',
            periodLabel: '2026年12月',
            percent: 60,
            acceptedAt: '2026-12-10T01:00:00Z',
          },
          { periodKey: '2027-01', periodLabel: '2027年1月', percent: null, acceptedAt: null },
        ],
      },
    } as unknown as CaseDetail;
    const story = storyOf(detail, null);
    expect(story.map((e) => [e.key, e.kind])).toEqual([
      ['e1', 'step'],
      ['e2', 'record'],
      ['r2026-12', 'report'],
      ['e3', 'done'],
    ]);
    expect(story[2]!.detail).toBe('完成 60%，报告已审核');
  });
});
