/**
 * The outline a plan document (工作要点) parses into. Field names are fixed: the CLI prints this as JSON
 * and the review screen reads it.
 */

/** One entry of the editable keyword → unit map used to suggest a lead unit (牵头单位). */
export interface UnitKeyword {
  keyword: string;
  unit: string;
}

export interface ProposedTask {
  text: string;
  suggestedLead: string | null;
}

export interface PlanNode {
  /** The numbering marker without its brackets or separator ("（一）" → "一", "1." → "1", "一是"), null when unnumbered. */
  number: string | null;
  heading: string;
  /** Body paragraphs joined with "\n". */
  body: string;
  children: PlanNode[];
  /** 牵头单位 named by a responsibility hint in this node's own text. */
  lead: string[];
  /** 配合单位 named by a responsibility hint in this node's own text. */
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: ProposedTask[];
}

export interface PlanWarning {
  /** Chinese, for the review screen. */
  message: string;
  /** UTF-16 offset into the text given to parsePlan. */
  offset: number;
}

export interface PlanOutline {
  title: string;
  year: number | null;
  preamble: string;
  closing: string;
  nodes: PlanNode[];
  brandActivities: string[];
  /** Boilerplate and page artefacts cut from the text, as written, in source order. */
  removed: string[];
  warnings: PlanWarning[];
}

export interface ParseOptions {
  unitKeywords?: UnitKeyword[];
}
