// Per-user rate limits for expensive routes (@fastify/rate-limit is registered with global: false in
// app.ts). Counted after the session is read (onRequest) and before validation, by user id, so one
// account cannot spread its requests over addresses, colleagues behind one NAT do not share a budget,
// and malformed requests count too; without a session, by address.
import type { FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';

function rateLimitKey(req: FastifyRequest): string {
  return req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`;
}

/** `max` requests per user per minute on one route. */
export function perUser(max: number): RateLimitOptions {
  return { max, timeWindow: 60_000, hook: 'preValidation', keyGenerator: rateLimitKey };
}
