// `npx luoshi plan parse FILE [--json]`: a .txt or .docx plan → its outline, as text or JSON. It parses
// in-process: the operator's own file, with the preview's unpacking bounds (a .docx bomb is refused
// here too) but no text or outline bound (docs/decisions/plan-import-limits.md).
import { parseArgs } from 'node:util';
import { writeLine, type CliIo } from '../../../core/console-io.ts';
import { formatOutline, parsePlan } from './parser/index.ts';
import { CLI_LIMITS } from './import.limits.ts';
import { readPlanFile } from './import.source.ts';

const USAGE = 'usage: npx luoshi plan parse FILE [--json]';

export async function planParseCommand(args: string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let json = false;
  try {
    const parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
    [file] = parsed.positionals;
    json = parsed.values.json ?? false;
    if (!file || parsed.positionals.length > 1) throw new Error('expected exactly one FILE');
  } catch (error) {
    await writeLine(io.stderr, `${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readPlanFile(file, CLI_LIMITS);
  } catch (error) {
    await writeLine(io.stderr, error instanceof Error ? error.message : String(error));
    return 1;
  }
  const outline = parsePlan(text);
  await writeLine(io.stdout, json ? JSON.stringify(outline, null, 2) : formatOutline(outline));
  return 0;
}
