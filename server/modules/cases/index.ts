// The cases module's public entry (issue 9): 议政建言, 民主监督, 政企沟通 and 基层 on one engine.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import { onTaskCompleted } from '../tasks/index.ts';
import { caseTaskCompleted } from './actions/task-done.ts';
import { registerCaseContactHolders } from './case.contacts.ts';
import { registerCaseFiles } from './case.files.ts';
import { meetingRoutes } from './meetings/meeting.ts';
import { projectRoutes } from './projects/project.routes.ts';
import { caseRoutes as caseCrudRoutes } from './routes/case.routes.ts';
import { cosignerRoutes } from './routes/cosigner.routes.ts';
import { caseTextRoutes } from './routes/text.routes.ts';
import { vocabularyRoutes } from './routes/vocabulary.routes.ts';
import { statsRoutes } from './stats/stats.routes.ts';

// A case turned into a task hears of the task's completion (the proposer is told).
onTaskCompleted(caseTaskCompleted);
// A contact an open case names is not deleted or anonymised (modules/contacts asks these holders).
registerCaseContactHolders();

export function caseRoutes(app: FastifyInstance, s: Services) {
  // A case's files are read by whoever may read the case (GET /api/attachments/:id).
  registerCaseFiles();
  vocabularyRoutes(app);
  cosignerRoutes(app, s);
  statsRoutes(app, s);
  caseCrudRoutes(app, s);
  projectRoutes(app, s);
  meetingRoutes(app, s);
  caseTextRoutes(app, s);
}

// The reminders job watches the answer date of cases waiting for their lead unit (modules/reminders
// reminder.cases.ts) and writes each step on the case's timeline.
export { listCasesAwaitingAnswer } from './case.repository.ts';
export { recordCaseReminder } from './case.timeline.ts';
export { CASE_TYPE_LABELS } from './engine/vocabulary.ts';
// The demo workspace opens and moves cases through the same services a person does.
export { createCase } from './drafts/draft.service.ts';
export { takeAction } from './actions/action.service.ts';
export { createMeeting } from './meetings/meeting.ts';
// `luoshi cases reindex` (server/cli/modules.ts): the similarity index brought in line with the cases.
export { casesReindexCommand, CasesUsageError } from './text/similar.cli.ts';
// `luoshi cases link-files` (server/cli/modules.ts): files of cases saved before they were attached, attached.
export { casesLinkFilesCommand } from './files/files.cli.ts';
