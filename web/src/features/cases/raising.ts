// Who may raise a case of each type, for showing the "new" button only to those the server will let
// draft one (server/modules/cases/engine/types/*.ts `creators`: a submitter holds work.submit, staff
// work.manage). The server's check (drafts/draft.service.ts mayRaise) stays the rule; this only hides a
// button that would be refused. Which types have a "new" button on their list: a 民主监督 report is
// raised under its project (the project page's 新建报告 opens the draft with the project chosen).
import type { CaseType } from './api';

export const RAISED_BY: Record<CaseType, string[]> = {
  proposal: ['work.submit'],
  oversight: ['work.submit'],
  appeal: ['work.submit', 'work.manage'],
  grassroots: ['work.manage'],
};

export const HAS_DRAFT_FORM: Record<CaseType, boolean> = {
  proposal: true,
  oversight: false,
  appeal: true,
  grassroots: true,
};

// What the "new" button and the draft page's title say: the record raised, in the words of its list (an
// enterprise's appeal is registered by staff or the enterprise's side; 政企沟通 names the work, not the record).
export const CREATE_LABEL: Record<CaseType, string> = {
  proposal: '新建议政建言',
  oversight: '新建监督报告',
  appeal: '登记企业诉求',
  grassroots: '新建基层诉求',
};
