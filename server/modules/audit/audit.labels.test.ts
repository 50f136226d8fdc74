import { describe, expect, it } from 'vitest';
import * as web from '../../../web/src/shared/labels.ts';
import { ACTION_LABELS, OBJECT_LABELS, OUTCOME_LABELS } from './audit.labels.ts';

// The export (server) and the audit page (web) name actions, objects and outcomes the same way.
describe('audit labels', () => {
  it('are the same on the server and in the web app', () => {
    expect(web.AUDIT_ACTION_LABELS).toEqual(ACTION_LABELS);
    expect(web.AUDIT_OBJECT_LABELS).toEqual(OBJECT_LABELS);
    expect(web.AUDIT_OUTCOME_LABELS).toEqual(OUTCOME_LABELS);
  });
});
