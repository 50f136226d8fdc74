// Cuts a text into pieces, marking every occurrence of the search terms (case-insensitive), so that
// search snippets can be highlighted with plain spans instead of HTML from the server.
export interface TextPiece {
  text: string;
  hit: boolean;
}

export function termsOf(query: string): string[] {
  return [...new Set(query.split(/[\s,，、；;]+/).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
}

export function highlightTerms(text: string, terms: readonly string[]): TextPiece[] {
  const lower = text.toLowerCase();
  const needles = terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  const out: TextPiece[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    const hit = needles.find((n) => lower.startsWith(n, i));
    if (!hit) {
      i++;
      continue;
    }
    if (i > plainStart) out.push({ text: text.slice(plainStart, i), hit: false });
    out.push({ text: text.slice(i, i + hit.length), hit: true });
    i += hit.length;
    plainStart = i;
  }
  if (plainStart < text.length) out.push({ text: text.slice(plainStart), hit: false });
  return out;
}
