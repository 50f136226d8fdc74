import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';

export function planAnalysisRoutes(_app: FastifyInstance, _s: Services) {}
