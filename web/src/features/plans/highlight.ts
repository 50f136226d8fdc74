// Cuts a search snippet into plain and highlighted pieces from the server's highlight ranges, so the
// snippet is rendered as text (never as HTML).
export interface TextPiece {
  text: string;
  hit: boolean;
}

export function piecesOf(
  text: string,
  ranges: ReadonlyArray<{ start: number; length: number }>,
): TextPiece[] {
  const out: TextPiece[] = [];
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.start + r.length, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
