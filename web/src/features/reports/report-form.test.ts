import { describe, expect, it } from 'vitest';
import type { ReportDetail, ReportSummary } from './api';
import { bodyOf, formOf, milestoneProblem, overdue, periodToOpen } from './report-form';

const task = {
  progress: 30,
  indicators: [{ id: 1 }, { id: 2 }],
  milestones: [
    { id: 7, doneDate: '2026-03-01' },
    { id: 8, doneDate: null },
  ],
};

function report(content: Partial<ReportDetail['content']>): ReportDetail {
  return {
    content: {
      percent: null,
      narrative: '',
      indicatorActuals: [],
      milestonesReached: [],
      problems: '',
      nextSteps: '',
      attachmentIds: [],
      ...content,
    },
  } as unknown as ReportDetail; // only the content is read
}

const summary = (periodKey: string, status: ReportSummary['status']) =>
  ({ periodKey, status, dueDate: '2026-02-05' }) as ReportSummary;

describe('the report form', () => {
  it('has a line per indicator and milestone of the task, filled from the (pre-filled) content', () => {
    const form = formOf(
      report({
        percent: 55,
        indicatorActuals: [{ indicatorId: 2, actual: 12 }],
        milestonesReached: [{ milestoneId: 7, doneDate: '2026-03-01' }],
        nextSteps: '继续走访',
        attachmentIds: [4],
      }),
      task,
    );
    expect(form.percent).toBe(55);
    expect(form.indicatorActuals).toEqual([
      { indicatorId: 1, actual: null },
      { indicatorId: 2, actual: 12 },
    ]);
    expect(form.milestonesReached).toEqual([
      { milestoneId: 7, reached: true, doneDate: '2026-03-01' },
      { milestoneId: 8, reached: false, doneDate: null },
    ]);
    expect(form.nextSteps).toBe('继续走访');
  });

  it('starts from the task’s progress when the content has none', () => {
    expect(formOf(report({}), task).percent).toBe(30);
  });

  it('sends only indicators with a value and milestones reached with a date', () => {
    const form = formOf(report({ percent: 40 }), task);
    form.indicatorActuals[0]!.actual = 3.5;
    form.milestonesReached[1] = { milestoneId: 8, reached: true, doneDate: null };
    expect(milestoneProblem(form)).toBe('请填写已完成里程碑的完成日期');
    form.milestonesReached[1].doneDate = '2026-04-02';
    expect(milestoneProblem(form)).toBeNull();
    form.percent = 40.4;
    expect(bodyOf(form)).toEqual({
      percent: 40,
      narrative: '',
      indicatorActuals: [{ indicatorId: 1, actual: 3.5 }],
      milestonesReached: [{ milestoneId: 8, doneDate: '2026-04-02' }],
      problems: '',
      nextSteps: '',
      attachmentIds: [],
    });
  });
});

describe('the period a task page opens', () => {
  it('is the one asked for, else a returned one, else the oldest open, else under review, else the latest', () => {
    const list = [summary('2026-01', 'accepted'), summary('2026-02', 'due'), summary('2026-03', 'returned')];
    expect(periodToOpen(list, '2026-01')).toBe('2026-01');
    expect(periodToOpen(list, '2027-01')).toBe('2026-03');
    expect(periodToOpen(list.slice(0, 2))).toBe('2026-02');
    expect(periodToOpen([summary('2026-01', 'accepted'), summary('2026-02', 'submitted')])).toBe('2026-02');
    expect(periodToOpen([summary('2026-01', 'accepted')])).toBe('2026-01');
    expect(periodToOpen([])).toBeNull();
  });

  it('counts a report as overdue only while unsubmitted past its due date', () => {
    expect(overdue(summary('2026-01', 'due'), '2026-02-06')).toBe(true);
    expect(overdue(summary('2026-01', 'draft'), '2026-02-05')).toBe(false);
    expect(overdue(summary('2026-01', 'returned'), '2026-03-01')).toBe(false);
  });
});
