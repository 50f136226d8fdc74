import { FIELD_LABELS, SECTION_LABELS, VALUE_LABELS } from './audit.labels.ts';

// An audit row's detail as a person reads it: labelled sections (变更前, 变更后, 说明) of labelled fields
// with values as text. Unknown keys are kept, under their own name, so nothing recorded is hidden.

export interface DetailField {
  key: string;
  label: string;
  value: string;
}
export interface DetailSection {
  key: string;
  label: string;
  fields: DetailField[];
}

/** A stored detail column: JSON of any shape (each action writes its own), read as unknown. */
export function parseDetail(json: string | null): unknown {
  if (!json) return null;
  const value: unknown = JSON.parse(json);
  return value;
}

export function detailSections(detail: unknown): DetailSection[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== 'object' || Array.isArray(detail)) {
    return [
      { key: 'detail', label: '详情', fields: [{ key: 'detail', label: '详情', value: valueText(detail) }] },
    ];
  }
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => ({
    key,
    label: SECTION_LABELS[key] ?? key,
    fields:
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value as Record<string, unknown>).map(([k, v]) => field(k, v))
        : [field(key, value)],
  }));
}

function field(key: string, value: unknown): DetailField {
  return { key, label: FIELD_LABELS[key] ?? key, value: valueText(value, VALUE_LABELS[key]) };
}

function valueText(value: unknown, words?: Record<string, string>): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return words?.[value] ?? value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, words)).join('、') : '（无）';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${FIELD_LABELS[k] ?? k}：${valueText(v, VALUE_LABELS[k])}`,
    );
    return parts.length ? `（${parts.join('，')}）` : '（无）';
  }
  return JSON.stringify(value);
}

// One line per section, for a spreadsheet cell.
export function detailText(detail: unknown): string {
  return detailSections(detail)
    .map((s) => `${s.label}：${s.fields.map((f) => `${f.label} ${f.value}`).join('；')}`)
    .join('\n');
}
