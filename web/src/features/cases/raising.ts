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
