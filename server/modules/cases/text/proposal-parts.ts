/**
 * The paragraphs of a proposal → its title and three parts (情况, 分析, 建议). Pure; the .docx reading is
 * proposal-docx.ts. A part starts at a heading that names it, in the forms 民主党派 proposals use:
 * numbered (一、基本情况 / （二）原因分析 / 3. 对策建议 / 第三部分：建议), in brackets (【情况】), or
 * a short line on its own that is a heading style or bold in Word. The heading may run on into the
 * part's text (一、基本情况。我省民营经济……). The title is the first line before the first part.
 * docs/decisions/proposal-docx-import.md says what happens when no part is found.
 */

export interface Paragraph {
  text: string;
  /** A Word heading style (标题 1, Heading 2, Title). */
  heading?: boolean;
  /** Every run with text in it is bold. */
  bold?: boolean;
}

export type ProposalPart = 'situation' | 'analysis' | 'suggestions';

export interface ProposalDraft {
  title: string;
  situation: string;
  analysis: string;
  suggestions: string;
  /** What the reader should check, in Chinese (parts not found, title missing). */
  warnings: string[];
}

// The names a part goes by, longest first so 对策建议 is not read as 建议 + rest. 存在(的)问题 is the
// situation (the brief of issue 9: 情况 / 基本情况 / 存在问题); 情况分析 is the analysis.
const LABELS: Record<ProposalPart, readonly string[]> = {
  situation: [
    '基本情况和存在的问题',
    '基本情况及存在问题',
    '现状及存在问题',
    '存在的主要问题',
    '存在的问题',
    '主要问题',
    '存在问题',
    '基本情况',
    '情况说明',
    '现状分析',
    '问题提出',
    '背景情况',
    '有关情况',
    '现状',
    '背景',
    '情况',
    '问题',
  ],
  analysis: [
    '问题及原因分析',
    '问题原因分析',
    '原因及分析',
    '主要原因',
    '原因分析',
    '问题分析',
    '情况分析',
    '成因分析',
    '问题成因',
    '分析',
    '原因',
  ],
  suggestions: [
    '对策和建议',
    '对策与建议',
    '意见和建议',
    '具体建议',
    '对策建议',
    '意见建议',
    '工作建议',
    '措施建议',
    '几点建议',
    '有关建议',
    '相关建议',
    '建议措施',
    '对策措施',
    '建议',
    '对策',
  ],
};

const LABEL_PART = new Map<string, ProposalPart>(
  (Object.entries(LABELS) as [ProposalPart, readonly string[]][]).flatMap(([part, labels]) =>
    labels.map((label) => [label, part] as const),
  ),
);
const LABEL_ALTERNATIVES = [...LABEL_PART.keys()].sort((a, b) => b.length - a.length).join('|');

// An ordinal before the label: 一、 （一） (1) 1. 1、 第一部分 — or none.
const ORDINAL = String.raw`(?:[（(]?[一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|[（(]?\d{1,2}[）)]|\d{1,2}[、.．]|第[一二三四五六七八九十]{1,3}部分[：:、.．]?)`;
// A numbered or bracketed heading, alone or running on into its text after punctuation.
const MARKED_HEADING = new RegExp(
  String.raw`^(?:${ORDINAL}\s*【?|【)\s*(${LABEL_ALTERNATIVES})\s*】?\s*(?:[：:。.．；;、]\s*|$)`,
);
// A short numbered or bracketed line that ends in a label: 一、当前养老服务存在的问题 / 二、问题产生的原因.
const TITLED_HEADING = new RegExp(
  String.raw`^(?:${ORDINAL}\s*【?|【)[^。；;！!？?，,]{1,20}?(${LABEL_ALTERNATIVES})\s*】?\s*[：:。.．]?$`,
);
// A plain label: a heading when the line is that label alone or a colon follows (建议：……).
const PLAIN_HEADING = new RegExp(String.raw`^(${LABEL_ALTERNATIVES})\s*(?:[：:]\s*|$)`);

// The same without an ordinal, for a line styled as a heading or bold.
const STYLED_HEADING = new RegExp(
  String.raw`^[^。；;！!？?，,]{0,20}?(${LABEL_ALTERNATIVES})\s*[：:。.．]?$`,
);

const TITLE_PREFIX = /^(案由|题目|标题|提案名称|建议名称)\s*[：:]\s*/;

interface Heading {
  part: ProposalPart;
  /** Text after the heading in the same paragraph. */
  rest: string;
}

function headingOf(paragraph: Paragraph): Heading | null {
  const text = paragraph.text.trim();
  const marked = MARKED_HEADING.exec(text) ?? TITLED_HEADING.exec(text);
  if (marked)
    return { part: LABEL_PART.get(marked[1] as string) as ProposalPart, rest: textAfter(text, marked) };
  const plain = PLAIN_HEADING.exec(text);
  if (plain)
    return { part: LABEL_PART.get(plain[1] as string) as ProposalPart, rest: textAfter(text, plain) };
  // A short line Word styles as a heading or sets in bold, ending in a part name (几点建议, 问题产生的原因);
  // never the title (关于……的建议), which may be styled the same way.
  if ((paragraph.heading || paragraph.bold) && !text.replace(TITLE_PREFIX, '').startsWith('关于')) {
    const styled = STYLED_HEADING.exec(text);
    if (styled) return { part: LABEL_PART.get(styled[1] as string) as ProposalPart, rest: '' };
  }
  return null;
}

const textAfter = (text: string, match: RegExpExecArray) => text.slice(match[0].length).trim();

// Lines above the first part that say who submitted it, not what it is about.
const METADATA =
  /^(提案人|提案者|提案单位|联名人|附议人|联系人|联系电话|电话|手机|邮箱|单位|日期|时间|界别)\s*[：:]/;
const TITLE_MAX = 120;

const PART_NAMES: Record<ProposalPart, string> = {
  situation: '情况',
  analysis: '分析',
  suggestions: '建议',
};

/** Title and parts of a proposal's paragraphs; never fails (what it could not tell it says in `warnings`). */
export function proposalParts(paragraphs: readonly Paragraph[]): ProposalDraft {
  const lines = paragraphs
    .map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ').trim() }))
    .filter((p) => p.text);
  const parts: Record<ProposalPart, string[]> = { situation: [], analysis: [], suggestions: [] };
  const preamble: string[] = [];
  let current: ProposalPart | null = null;
  let found = 0;
  for (const line of lines) {
    const heading = headingOf(line);
    if (heading) {
      current = heading.part;
      found++;
      if (heading.rest) parts[current].push(heading.rest);
    } else if (current) parts[current].push(line.text);
    else preamble.push(line.text);
  }

  const warnings: string[] = [];
  // The title: the first line above the first part, unless it is far too long to be one.
  const titleLine = preamble.find((line) => !METADATA.test(line));
  let title = '';
  if (titleLine !== undefined && titleLine.length <= TITLE_MAX) {
    title = titleLine.replace(TITLE_PREFIX, '');
    preamble.splice(preamble.indexOf(titleLine), 1);
  } else warnings.push('未识别出标题（文件第一行不像标题），请填写标题。');
  // Other lines above the first part that are not metadata open the situation (an introduction).
  const introduction = preamble.filter((line) => !METADATA.test(line));

  if (found === 0) {
    warnings.push(
      '未识别出“情况、分析、建议”三部分的标题（如“一、基本情况”“二、原因分析”“三、对策建议”），全文已放入“情况”，请分到各部分。',
    );
    return { title, situation: introduction.join('\n'), analysis: '', suggestions: '', warnings };
  }
  parts.situation.unshift(...introduction);
  const missing = (Object.keys(parts) as ProposalPart[]).filter((part) => parts[part].length === 0);
  if (missing.length > 0)
    warnings.push(`未找到“${missing.map((part) => PART_NAMES[part]).join('、')}”部分，请补充。`);
  return {
    title,
    situation: parts.situation.join('\n'),
    analysis: parts.analysis.join('\n'),
    suggestions: parts.suggestions.join('\n'),
    warnings,
  };
}
