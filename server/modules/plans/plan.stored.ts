// Plan data kept as JSON text in the database (outline parts, versions, notices), read back through the
// schemas it was checked with when written. A damaged row fails loudly, naming what and where, instead of
// flowing on as whatever shape it happens to have (a restore would write it back into the items).
import { z } from 'zod';
import { outlineNodeSchema, outlineSchema, planNoticeSchema } from './plan.schemas.ts';

const { preamble, closing, brandActivities, removed, warnings } = outlineSchema.shape;

/** Outline parts kept with the plan besides its items; a part missing from an older row reads as empty. */
export const storedMetaSchema = z.object({
  preamble: preamble.default(''),
  closing: closing.default(''),
  brandActivities: brandActivities.default([]),
  removed: removed.default([]),
  warnings: warnings.default([]),
});
export type OutlineMeta = z.infer<typeof storedMetaSchema>;

/** A stored version (plan_versions.outline): the outline parts, its title and its item tree. */
export const storedVersionSchema = storedMetaSchema.extend({
  title: z.string(),
  nodes: z.array(outlineNodeSchema),
});
export type StoredVersion = z.infer<typeof storedVersionSchema>;

/** Stored data that does not read as its schema: a damaged database, not a request to answer with 400. */
export class StoredDataError extends Error {
  override name = 'StoredDataError';
}

function readStored<T extends z.ZodType>(schema: T, json: string, what: string): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new StoredDataError(`${what}: stored text is not JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StoredDataError(
      `${what}: stored data does not match its schema\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

export const parseMeta = (json: string, what = 'plan outline parts'): OutlineMeta =>
  readStored(storedMetaSchema, json, what);

export const parseVersion = (json: string, what = 'plan version outline'): StoredVersion =>
  readStored(storedVersionSchema, json, what);

export type PlanNotice = z.infer<typeof planNoticeSchema>;
export const parseNotice = (json: string | null, what = 'plan notice'): PlanNotice | null =>
  json === null ? null : readStored(planNoticeSchema, json, what);
