// The bulletin's JSON columns read through Zod schemas: a row written by an older version, or by hand, fails
// with a clear error instead of flowing on as a wrong type.
import { z } from 'zod';
import { sectionSchema } from './bulletin.schemas.ts';
import type { BulletinSection } from './bulletin.sections.ts';

const storedSections = z.array(sectionSchema);
const storedUnits = z.array(z.number().int());

/** bulletins.sections: the sections as generated and edited. */
export function parseSections(json: string): BulletinSection[] {
  return storedSections.parse(JSON.parse(json));
}

/** bulletins.sent_units: the units the bulletin was sent to. */
export function parseSentUnits(json: string): number[] {
  return storedUnits.parse(JSON.parse(json));
}
