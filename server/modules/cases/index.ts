// The cases module's public entry (issue 9): 议政建言, 民主监督, 政企沟通 and 基层 on one engine.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import { onTaskCompleted } from '../tasks/index.ts';
import { caseTaskCompleted } from './actions/task-done.ts';
import { caseRoutes as caseCrudRoutes } from './routes/case.routes.ts';
import { caseTextRoutes } from './routes/text.routes.ts';
import { vocabularyRoutes } from './routes/vocabulary.routes.ts';

// A case turned into a task hears of the task's completion (the proposer is told).
onTaskCompleted(caseTaskCompleted);

export function caseRoutes(app: FastifyInstance, s: Services) {
  vocabularyRoutes(app);
  caseCrudRoutes(app, s);
  caseTextRoutes(app, s);
}
