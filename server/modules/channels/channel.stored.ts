// The JSON kept in channel rows, read back through its schema (a row written by hand or by an older
// release fails loudly here instead of steering a delivery).
import { z } from 'zod';

const deliveryMode = z.enum(['immediate', 'digest', 'inapp']);
// Kinds are strings here, not the current list: a stored kind that a later release drops stays readable.
const storedKinds = z.array(z.string());
const storedModes = z.record(z.string(), deliveryMode);
// What 钉钉 and 企业微信 robots answer: errcode 0 when the message was taken.
const robotAnswer = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() });

export const parseKinds = (json: string) => storedKinds.parse(JSON.parse(json));
export const parseModes = (json: string) => storedModes.parse(JSON.parse(json));

/** The robot's answer, or null when it is not the JSON a robot sends. */
export function parseRobotAnswer(text: string): z.infer<typeof robotAnswer> | null {
  try {
    const parsed = robotAnswer.safeParse(JSON.parse(text || '{}'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
