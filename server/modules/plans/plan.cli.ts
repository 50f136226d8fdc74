// Placeholder until the parser lands: keeps the CLI wiring in one place.
export async function planParseCommand(args: string[]): Promise<number> {
  console.error(`plan parse is not available yet (${args.join(' ')})`);
  return 1;
}
