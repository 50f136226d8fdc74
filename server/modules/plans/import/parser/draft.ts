/** The working form of an outline node, with the source blocks each part came from. */
import type { MarkerStyle } from './markers.ts';
import type { Block } from './span.ts';

export type DraftStyle = MarkerStyle | 'phrase' | 'inline';

export interface Draft {
  style: DraftStyle;
  value: number;
  number: string | null;
  /** The marker as written ("（一）", "1、", "一是"); empty when unnumbered. */
  marker: Block;
  heading: Block;
  separator: Block;
  /** Body paragraphs, all of which come before the children in the source. */
  paras: Block[];
  children: Draft[];
  /** Source offset where the node starts, for warnings. */
  offset: number;
}

export interface Warning {
  message: string;
  offset: number;
}

export function walk(
  drafts: readonly Draft[],
  visit: (draft: Draft, ancestors: readonly Draft[]) => void,
  ancestors: readonly Draft[] = [],
): void {
  for (const draft of drafts) {
    visit(draft, ancestors);
    walk(draft.children, visit, [...ancestors, draft]);
  }
}
