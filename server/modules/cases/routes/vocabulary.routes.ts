import type { FastifyInstance } from 'fastify';
import { router } from '../../../core/http/route.ts';
import { caseVocabulary } from '../case.vocabulary.ts';
import { caseVocabularySchema } from '../case.schemas.ts';

/** The cases' words and labels (types, states, actions, ratings …). */
export function vocabularyRoutes(app: FastifyInstance) {
  router(app).get('/api/cases/vocabulary', {
    config: { access: { permission: 'work.read', scope: 'none' } },
    schema: {
      tags: ['事项'],
      operationId: 'getCaseVocabulary',
      summary: '事项的类型、状态、操作、评价、办理结果、批示级别等的中文名称，以及每类事项用到的状态',
      response: { 200: caseVocabularySchema },
    },
    handler: () => caseVocabulary(),
  });
}
