/** Responsibility hints (（牵头单位：…，配合单位：…）) and the keyword → unit map for suggestions. */
import type { UnitKeyword } from './outline.ts';
import { squeeze, WS } from './text.ts';

/** Seed of the editable map; the product stores its own copy. Earlier entries win ties. */
export const DEFAULT_UNIT_KEYWORDS: readonly UnitKeyword[] = [
  { keyword: '民族', unit: '民族宗教处' },
  { keyword: '宗教', unit: '民族宗教处' },
  { keyword: '港澳台', unit: '港澳台海外联络处' },
  { keyword: '港澳', unit: '港澳台海外联络处' },
  { keyword: '台湾', unit: '港澳台海外联络处' },
  { keyword: '海外', unit: '港澳台海外联络处' },
  { keyword: '侨', unit: '港澳台海外联络处' },
  { keyword: '民营经济', unit: '经济处' },
  { keyword: '民营经济', unit: '工商联' },
  { keyword: '商会', unit: '工商联' },
  { keyword: '商会', unit: '经济处' },
  { keyword: '企业', unit: '经济处' },
  { keyword: '企业', unit: '工商联' },
  { keyword: '非公', unit: '经济处' },
  { keyword: '党外知识分子', unit: '党外知识分子工作处' },
  { keyword: '新的社会阶层', unit: '党外知识分子工作处' },
  { keyword: '新阶层', unit: '党外知识分子工作处' },
  { keyword: '无党派', unit: '党外知识分子工作处' },
  { keyword: '党派', unit: '党派工作处' },
  { keyword: '参政议政', unit: '党派工作处' },
  { keyword: '民主监督', unit: '党派工作处' },
  { keyword: '多党合作', unit: '党派工作处' },
  { keyword: '议政建言', unit: '党派工作处' },
  { keyword: '干部', unit: '干部处' },
  { keyword: '培训', unit: '干部处' },
  { keyword: '乡村振兴', unit: '乡村振兴部门' },
];

/**
 * The unit for a text: the keyword occurring earliest wins (the subject of a Chinese sentence comes
 * first), then the longer keyword, then the earlier entry in the map.
 */
export function unitForText(text: string, keywords: readonly UnitKeyword[]): string | null {
  let best: { at: number; length: number; unit: string } | null = null;
  for (const { keyword, unit } of keywords) {
    if (keyword.length === 0) continue;
    const at = text.indexOf(keyword);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && keyword.length > best.length))
      best = { at, length: keyword.length, unit };
  }
  return best?.unit ?? null;
}

export interface Responsibility {
  lead: string[];
  cooperating: string[];
}

const S = `[${WS}]*`;
const LEAD_LABEL = '牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|负责单位|牵头';
const COOP_LABEL = '配合单位|配合部门|协办单位|协办部门|参与单位|参与部门|协助单位|协作单位|配合';
const LABEL = new RegExp(`(${LEAD_LABEL}|${COOP_LABEL})${S}[:：]`, 'g');
const HINT = new RegExp(`[（(]${S}((?:${LEAD_LABEL}|${COOP_LABEL})${S}[:：][^（）()]{1,300})[）)]`, 'g');
const TRAILING = new RegExp(`^${S}[，,]${S}(各[^。；;，,（()]{1,30})(?=[。；;]|$)`);
const UNIT_END =
  /(部|厅|局|委|办|处|室|会|院|所|馆|中心|政府|党委|党组|机关|组|团|联|协|社|站|队|司|署|校|台|行|科|股|街道|乡镇|镇|乡)$/;

/** "市委政研室、市政府办公厅，各区、县级市政府" → each unit, keeping "各区、县级市政府" whole. */
export function splitUnits(list: string): string[] {
  const pieces = list
    .split(/[、，,；;\s]+/)
    .map((p) => p.replace(/[。.]$/, ''))
    .filter((p) => p.length > 0);
  const units: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i] as string;
    while (piece.startsWith('各') && !UNIT_END.test(piece) && i + 1 < pieces.length)
      piece = `${piece}、${pieces[++i]}`;
    units.push(piece);
  }
  return units;
}

const IS_LEAD = new RegExp(`^(${LEAD_LABEL})$`);
const ANY_LABEL = /牵头|责任|主责|负责|配合|协办|参与|协助|协作/;

function isLead(label: string): boolean {
  return IS_LEAD.test(label);
}

function addUnits(target: string[], units: readonly string[]): void {
  for (const unit of units) if (!target.includes(unit)) target.push(unit);
}

function readHint(inner: string, into: Responsibility): string[] {
  const parts = [...inner.matchAll(LABEL)];
  let last = into.cooperating;
  parts.forEach((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = parts[i + 1]?.index ?? inner.length;
    last = isLead(m[1] ?? '') ? into.lead : into.cooperating;
    addUnits(last, splitUnits(inner.slice(from, to)));
  });
  return last;
}

/** Units named by the responsibility hints in a text, each separately and in order. */
export function responsibilityIn(text: string): Responsibility {
  const result: Responsibility = { lead: [], cooperating: [] };
  if (!ANY_LABEL.test(text)) return result;
  const squeezed = squeeze(text);
  HINT.lastIndex = 0;
  for (let m = HINT.exec(squeezed); m !== null; m = HINT.exec(squeezed)) {
    readHint(m[1] ?? '', result);
    const trailing = TRAILING.exec(squeezed.slice(m.index + m[0].length));
    if (trailing?.[1]) addUnits(result.cooperating, splitUnits(trailing[1]));
  }
  return result;
}

/** The text with its responsibility hints taken out, for task descriptions. */
export function withoutHints(text: string): string {
  return text.replace(HINT, '');
}
