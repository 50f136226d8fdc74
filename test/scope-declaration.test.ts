import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { scopedResource } from '../server/core/access/guard.ts';
import accessPlugin from '../server/core/http/access.plugin.ts';
import { accessDeclarationProblem, keyedBy, type Access } from '../server/core/http/route.ts';
import type { Services } from '../server/core/services.ts';

// A 'data' route keyed by a record must name the record's loader, or the app does not start.

const thing = scopedResource<{ id: number }, number>({
  type: 'thing',
  notFound: 'NOT_FOUND',
  find: (_s, id) => Promise.resolve({ id }),
  inScope: () => Promise.resolve(true),
});

async function appWithAccessPlugin() {
  const app = Fastify({ logger: false });
  // The access plugin declares the session plugin as a dependency; its hooks are not needed here.
  await app.register(fp(async () => {}, { name: 'luoshi-session' }));
  // Registration checks touch no service.
  await app.register(accessPlugin, {} as Services);
  return app;
}

describe('access declarations the access plugin could not enforce', () => {
  it("refuses to register a 'data' route with a record key and no record", async () => {
    const app = await appWithAccessPlugin();
    const register = async () => {
      app.get(
        '/api/things/:id',
        { config: { access: { permission: 'work.read', scope: 'data' } } },
        () => ({}),
      );
      await app.ready();
    };
    await expect(register()).rejects.toThrow(/scope 'data' with record key :id but no record/);
    await app.close();
  });

  it('registers the same route once it names its record, and a keyless data route as it is', async () => {
    const app = await appWithAccessPlugin();
    const access: Access = { permission: 'work.read', scope: 'data', record: keyedBy(thing, 'id') };
    app.get('/api/things/:id', { config: { access } }, () => ({}));
    app.get('/api/things', { config: { access: { permission: 'work.read', scope: 'data' } } }, () => ({}));
    await app.ready();
    await app.close();
  });

  it('names what is wrong', () => {
    const record = keyedBy(thing, 'id');
    expect(accessDeclarationProblem('/api/things/:id', { permission: 'work.read', scope: 'data' })).toMatch(
      /:id but no record/,
    );
    expect(
      accessDeclarationProblem('/api/things/:code', { permission: 'work.read', scope: 'data', record }),
    ).toMatch(/record key :id, not in the URL/);
    expect(
      accessDeclarationProblem('/api/things/:id', { permission: 'user.read', scope: 'global', record }),
    ).toMatch(/scope is 'global'/);
    expect(
      accessDeclarationProblem('/api/users/:id', { permission: 'user.read', scope: 'global' }),
    ).toBeNull();
    expect(
      accessDeclarationProblem('/api/things/:id', { permission: 'work.read', scope: 'data', record }),
    ).toBeNull();
  });
});
