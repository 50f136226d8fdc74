/** Paragraphs → preamble, a tree of numbered and heading-phrase nodes, and the closing. */
import type { Draft, DraftStyle, Warning } from './draft.ts';
import {
  isOwnLineHeading,
  numberedHeading,
  phraseHeading,
  sentenceHeading,
  type HeadingSplit,
} from './heading.ts';
import { markerAt, type Marker } from './markers.ts';
import { EMPTY, slice, startOffset, trim, type Block } from './span.ts';
import { squeeze } from './text.ts';

export interface Structure {
  preamble: Block[];
  nodes: Draft[];
  closing: Block[];
  warnings: Warning[];
}

const CLOSING_START =
  /^(让我们|新的一年|新征程上|新的征程|展望|站在新|律回春晖|岁序|奋斗创造|百舸争流|征途|使命在肩|时不我待|同志们)/;
const CLOSING_ANY = /(让我们|我们将|我们要以)/;
const SIGN_OFF =
  /^([0-9０-９〇零一二三四五六七八九十○]{2,4}年[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日|(中共)?[^，。；,;]{2,28}(统战部|委员会|办公室|领导小组|党委|党组))$/;

function isPlain(block: Block): boolean {
  return !markerAt(block.text) && !phraseHeading(block);
}

/** Trailing paragraphs that close the document: 律回春晖…, 让我们…, a signature and date. */
function closingStart(paragraphs: Block[]): number {
  let first = paragraphs.length;
  while (first > 0 && isPlain(paragraphs[first - 1] as Block)) first--;
  // With no structure before them, cue words prove nothing: only a sign-off can close.
  for (let i = first; first > 0 && i < paragraphs.length; i++) {
    const text = squeeze((paragraphs[i] as Block).text);
    if (CLOSING_START.test(text) || CLOSING_ANY.test(text)) return i;
  }
  let i = paragraphs.length;
  while (i > first && SIGN_OFF.test(squeeze((paragraphs[i - 1] as Block).text))) i--;
  return i;
}

function newDraft(
  style: DraftStyle,
  marker: Marker | null,
  markerBlock: Block,
  split: HeadingSplit,
  offset: number,
): Draft {
  return {
    style,
    value: marker?.value ?? 0,
    number: marker?.number ?? null,
    marker: markerBlock,
    heading: split.heading,
    separator: split.separator,
    paras: split.body.text.length > 0 ? [split.body] : [],
    children: [],
    offset,
  };
}

class TreeBuilder {
  readonly roots: Draft[] = [];
  readonly warnings: Warning[] = [];
  private readonly stack: Draft[] = [];
  private readonly lastValue = new Map<DraftStyle, number>();

  get top(): Draft | undefined {
    return this.stack[this.stack.length - 1];
  }

  place(draft: Draft): void {
    const index = this.stack.findLastIndex((d) => d.style === draft.style);
    if (index >= 0) this.stack.length = index;
    const parent = this.stack[this.stack.length - 1];
    const siblings = parent ? parent.children : this.roots;
    if (draft.number !== null) this.checkSequence(draft, siblings);
    siblings.push(draft);
    this.stack.push(draft);
  }

  /** Numbers run 1, 2, 3 under a parent, or carry on from the previous parent (continuous numbering). */
  private checkSequence(draft: Draft, siblings: readonly Draft[]): void {
    const previous = siblings.findLast((d) => d.style === draft.style);
    const carried = this.lastValue.get(draft.style);
    this.lastValue.set(draft.style, draft.value);
    if (previous) {
      if (draft.value === previous.value + 1) return;
      const message =
        draft.value <= previous.value
          ? `编号重复或倒退：${previous.number}之后是${draft.number}`
          : `编号不连续：${previous.number}之后是${draft.number}`;
      this.warnings.push({ message, offset: draft.offset });
    } else if (draft.value !== 1 && draft.value !== (carried ?? 0) + 1) {
      this.warnings.push({ message: `编号从${draft.number}开始，前面的编号缺失`, offset: draft.offset });
    }
  }
}

function numberedDraft(block: Block, marker: Marker): Draft {
  const markerBlock = trim(slice(block, 0, marker.length));
  return newDraft(
    marker.style,
    marker,
    markerBlock,
    numberedHeading(trim(slice(block, marker.length))),
    startOffset(block),
  );
}

function phraseDraft(block: Block, split: HeadingSplit): Draft {
  return newDraft('phrase', null, EMPTY, split, startOffset(block));
}

/** A heading for an unnumbered paragraph, looking at its neighbours for the weaker cues. */
function unnumberedHeading(blocks: Block[], i: number): HeadingSplit | null {
  const block = blocks[i] as Block;
  const phrase = phraseHeading(block);
  if (phrase) return phrase;
  const next = blocks[i + 1];
  if (next && isOwnLineHeading(block) && !SIGN_OFF.test(squeeze(block.text))) {
    return { heading: block, separator: EMPTY, body: EMPTY };
  }
  // A short first sentence is a heading only when a neighbour is built the same way.
  const sentence = sentenceHeading(block);
  const previous = blocks[i - 1];
  const sibling = (b: Block | undefined): boolean =>
    b !== undefined && !markerAt(b.text) && sentenceHeading(b) !== null;
  return sentence && (sibling(previous) || sibling(next)) ? sentence : null;
}

const CLOSING_INSIDE = new RegExp(`(?<=[。！!])(?=${CLOSING_START.source.slice(1)})`);

/** A one-line document's closing sits inside its last paragraph: split it off there. */
function splitTrailingClosing(paragraphs: Block[]): Block[] {
  const last = paragraphs[paragraphs.length - 1];
  const at = last ? last.text.search(CLOSING_INSIDE) : -1;
  if (!last || at <= 0) return paragraphs;
  return [...paragraphs.slice(0, -1), trim(slice(last, 0, at)), trim(slice(last, at))];
}

export function buildStructure(input: Block[]): Structure {
  const paragraphs = splitTrailingClosing(input);
  const end = closingStart(paragraphs);
  const body = paragraphs.slice(0, end);
  const anyNumbered = body.some((b) => markerAt(b.text) !== null);
  const builder = new TreeBuilder();
  const preamble: Block[] = [];
  body.forEach((block, i) => {
    const marker = markerAt(block.text);
    if (marker) return builder.place(numberedDraft(block, marker));
    const top = builder.top;
    if (!top && anyNumbered) return void preamble.push(block);
    const split = unnumberedHeading(body, i);
    if (split) return builder.place(phraseDraft(block, split));
    if (top) top.paras.push(block);
    else preamble.push(block);
  });
  return { preamble, nodes: builder.roots, closing: paragraphs.slice(end), warnings: builder.warnings };
}
