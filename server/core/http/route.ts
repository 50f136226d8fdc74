import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../access/roles.ts';
import type { ScopeRule } from '../access/scope.ts';

// Every route declares who may call it and how the data scope applies. The declaration lives in the
// route's own definition (config.access); a test fails on any registered route without one.
export interface Access {
  // 'public': no session (login, health); 'session': any signed-in user; otherwise a permission.
  permission: Permission | 'public' | 'session';
  scope: ScopeRule;
  // Routes a user may still call while a password change or TOTP enrolment is pending.
  duringSetup?: boolean;
  // A create that honours the Idempotency-Key header.
  idempotent?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function router(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

// For actions that take no input: no body (Fastify passes null) or an empty one passes; any field is an
// unknown field.
export const noBody = z.strictObject({}).nullish();
