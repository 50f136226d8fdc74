// The route's action bodies against the transitions' (no database): one member per action and no more;
// whatever an action's valid sample is, the route takes it and so does every transition of every type
// with that action; each bad sample is refused by the route at the field it gets wrong.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BAD_ACTION_BODIES, VALID_ACTION_BODIES } from '../testing/action.samples.ts';
import { caseActionBody } from './action-bodies.ts';
import { CASE_CONFIGS } from './types/index.ts';
import { CASE_ACTIONS } from './vocabulary.ts';

describe('case action bodies', () => {
  it('has one member per action', () => {
    const actions = caseActionBody.options.map((o) => o.shape.action.value);
    expect(actions).toEqual([...CASE_ACTIONS]);
  });

  it('takes each action’s valid body at the route and in every transition of every type', () => {
    for (const action of CASE_ACTIONS) {
      const body = VALID_ACTION_BODIES[action];
      expect(caseActionBody.safeParse({ action, ...body }).success, action).toBe(true);
      for (const config of Object.values(CASE_CONFIGS))
        for (const t of config.transitions.filter((x) => x.action === action))
          expect(t.body.safeParse(body).success, `${config.type} ${action}`).toBe(true);
    }
  });

  it('refuses each action’s bad body at the field it gets wrong', () => {
    for (const action of CASE_ACTIONS) {
      const { body, field } = BAD_ACTION_BODIES[action];
      const result = caseActionBody.safeParse({ action, ...body });
      expect(result.success, action).toBe(false);
      expect(
        result.error!.issues.map((i) => i.path.join('.')),
        action,
      ).toContain(field);
    }
  });

  it('bounds every text and list of every action', () => {
    type Property = { type?: string; maxLength?: number; maxItems?: number; enum?: unknown; const?: unknown };
    for (const member of caseActionBody.options) {
      const doc = z.toJSONSchema(z.object(member.shape), { io: 'input' }) as {
        properties: Record<string, Property & { pattern?: string }>;
      };
      for (const [key, p] of Object.entries(doc.properties)) {
        const free = p.enum === undefined && p.const === undefined && p.pattern === undefined;
        if (p.type === 'string' && free) expect(p.maxLength, key).toBeGreaterThan(0);
        if (p.type === 'array') expect(p.maxItems, key).toBeGreaterThan(0);
      }
    }
  });
});
