/**
 * Source text → paragraphs: physical lines, boilerplate cut, document-sharing chunk markers removed,
 * broken lines rejoined, and paragraphs split where a numbering marker sits mid-line.
 */
import { cutBoilerplate } from './boilerplate.ts';
import { markerAt, midlineMarkers, type MarkerStyle } from './markers.ts';
import { blockOf, join, slice, trim, type Block } from './span.ts';
import { TERMINAL, visibleLength } from './text.ts';

export interface Paragraphs {
  paragraphs: Block[];
  removed: Block[];
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029\v\f]/g;

function physicalLines(source: string): Block[] {
  const lines: Block[] = [];
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(source); m !== null; m = LINE_BREAK.exec(source)) {
    lines.push(blockOf(source, start, m.index));
    start = m.index + m[0].length;
  }
  lines.push(blockOf(source, start, source.length));
  return lines.map(trim).filter((line) => line.text.length > 0);
}

const CHUNK_MARKER = /^[0-9]{1,3}、/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const LONG_LINE = 30;

function lastChar(block: Block): string {
  return block.text[block.text.length - 1] ?? '';
}

function endsMidSentence(block: Block): boolean {
  return !TERMINAL.includes(lastChar(block));
}

/**
 * Document-sharing sites cut text into numbered chunks ("新时\n2、代"). Such a marker follows a long
 * line that stops mid-sentence and is glued to the next word; a real item "2、" follows a finished one.
 */
function isChunkMarker(previous: Block | undefined, line: Block): boolean {
  const m = CHUNK_MARKER.exec(line.text);
  if (!m || !previous) return false;
  if (visibleLength(previous.text) < LONG_LINE || !endsMidSentence(previous)) return false;
  const next = line.text[m[0].length] ?? '';
  if (!WORD_CHAR.test(lastChar(previous)) && !'，,、'.includes(lastChar(previous))) return false;
  return WORD_CHAR.test(next);
}

const OPENERS = '，,、（(“"《〝「『';
const CONTINUERS = '，,。、；;：:）)”》〞」』！!？?';

function shouldJoin(previous: Block, previousLength: number, next: Block): boolean {
  if (markerAt(next.text)) return false;
  if (CONTINUERS.includes(next.text[0] ?? '')) return true;
  if (OPENERS.includes(lastChar(previous))) return true;
  return endsMidSentence(previous) && previousLength >= 40;
}

function removeChunkMarkers(lines: Block[], removed: Block[]): Array<{ block: Block; glued: boolean }> {
  const out: Array<{ block: Block; glued: boolean }> = [];
  for (const line of lines) {
    const previous = out[out.length - 1]?.block;
    if (isChunkMarker(previous, line)) {
      const length = CHUNK_MARKER.exec(line.text)?.[0].length ?? 0;
      removed.push(slice(line, 0, length));
      out.push({ block: trim(slice(line, length)), glued: true });
    } else {
      out.push({ block: line, glued: false });
    }
  }
  return out;
}

/** Lines are grouped first and each group joined once, so a long run of broken lines stays linear. */
function rejoin(lines: Array<{ block: Block; glued: boolean }>): Block[] {
  const groups: Block[][] = [];
  let length = 0;
  for (const { block, glued } of lines) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (group && previous && (glued || shouldJoin(previous, length, block))) {
      group.push(block);
      length += visibleLength(block.text);
    } else {
      groups.push([block]);
      length = visibleLength(block.text);
    }
  }
  return groups.map((group) => (group.length === 1 ? (group[0] as Block) : join(group)));
}

/**
 * A whole document on one line: split before a marker that continues the numbering seen so far (or
 * starts it), so "…凝心聚力。二、充分发挥…" splits but "…。二、三产业…" after nothing numbered does not.
 */
function splitMidline(paragraphs: Block[]): Block[] {
  const last = new Map<MarkerStyle, number>();
  const out: Block[] = [];
  for (const paragraph of paragraphs) {
    const head = markerAt(paragraph.text);
    if (head) last.set(head.style, head.value);
    let from = 0;
    for (const { index, marker } of midlineMarkers(paragraph.text)) {
      const previous = last.get(marker.style);
      const continues =
        previous === undefined ? marker.value === 1 : marker.value === previous + 1 || marker.value === 1;
      if (!continues || index === 0) continue;
      out.push(trim(slice(paragraph, from, index)));
      from = index;
      last.set(marker.style, marker.value);
    }
    out.push(trim(slice(paragraph, from)));
  }
  return out.filter((p) => p.text.length > 0);
}

export function toParagraphs(source: string): Paragraphs {
  const removed: Block[] = [];
  const kept: Block[] = [];
  for (const line of physicalLines(source)) {
    const cut = cutBoilerplate(line);
    kept.push(...cut.kept);
    removed.push(...cut.removed);
  }
  const paragraphs = splitMidline(rejoin(removeChunkMarkers(kept, removed)));
  return { paragraphs, removed };
}
