// The JSON a case keeps in text columns (its content, an event's payload, an answer's attachment ids), read
// through schemas rather than cast, so a malformed row fails loudly where it is read.
import { z } from 'zod';

const jsonObject = z.record(z.string(), z.unknown());
const idList = z.array(z.number().int());

export const readJsonObject = (text: string): Record<string, unknown> => jsonObject.parse(JSON.parse(text));
export const readIdList = (text: string): number[] => idList.parse(JSON.parse(text));
export const parseIdList = (value: unknown): number[] => idList.parse(value);
