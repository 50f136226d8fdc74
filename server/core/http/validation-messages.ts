// Chinese messages for Zod validation issues, naming the field. A person reads these (the web shows the
// server's message as is), so each one says which field is wrong and what it must be, with the limit.
// The field is named by its schema's `.meta({ title })` where one is given, otherwise by its path
// (docs/decisions/validation-messages.md). `.describe()` stays documentation for the API browser.
import { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Segment = PropertyKey;

// Marks a message Zod generated itself (it is replaced here); any other message was written by the
// schema's author (e.g. a regex's Chinese explanation) and is kept after the field's name.
export const GENERATED = '\u0000luoshi-generated';

export interface Problem {
  path: Segment[];
  code: Issue['code'];
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  date: '日期',
  array: '列表',
  tuple: '列表',
  object: '对象',
  record: '对象',
  map: '对象',
  set: '列表',
  file: '上传的文件',
  null: '空值（null）',
  nan: 'NaN',
  symbol: 'symbol',
  function: '函数',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '有效的电子邮件地址',
  url: '有效的网址（URL）',
  emoji: '表情符号',
  uuid: '有效的 UUID',
  uuidv4: '有效的 UUID（v4）',
  uuidv6: '有效的 UUID（v6）',
  uuidv7: '有效的 UUID（v7）',
  guid: '有效的 GUID',
  nanoid: '有效的 nanoid',
  cuid: '有效的 cuid',
  cuid2: '有效的 cuid2',
  ulid: '有效的 ULID',
  xid: '有效的 XID',
  ksuid: '有效的 KSUID',
  datetime: 'ISO 8601 日期时间（如 2026-01-31T08:00:00+08:00）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:MM:SS）',
  duration: 'ISO 8601 时长（如 P3D）',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  mac: 'MAC 地址',
  cidrv4: 'IPv4 网段（如 10.0.0.0/8）',
  cidrv6: 'IPv6 网段',
  base64: 'Base64 编码文本',
  base64url: 'Base64URL 编码文本',
  json_string: 'JSON 文本',
  e164: 'E.164 电话号码（如 +8613800000000）',
  credit_card: '信用卡号',
  iban: 'IBAN 账号',
  currency_code: '货币代码',
  jwt: 'JWT',
  lowercase: '小写字母',
  uppercase: '大写字母',
  hex: '十六进制文本',
};

function show(value: unknown): string {
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'bigint') return `${value}`;
  return String(value);
}

function bytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} 字节`;
}

function limitText(origin: string, n: number | bigint): string | null {
  if (origin === 'string') return `${n} 个字符`;
  if (origin === 'array' || origin === 'set' || origin === 'map') return `${n} 项`;
  if (origin === 'file') return bytes(Number(n));
  return null;
}

function dateText(n: number | bigint): string {
  const d = new Date(Number(n));
  return Number.isNaN(d.getTime()) ? String(n) : d.toISOString();
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  const size = limitText(issue.origin, issue.maximum);
  if (size) {
    if (issue.exact) return `应为 ${size}`;
    return issue.inclusive === false ? `应少于 ${size}` : `不能超过 ${size}`;
  }
  if (issue.origin === 'date') {
    return `${issue.inclusive === false ? '应早于' : '不能晚于'} ${dateText(issue.maximum)}`;
  }
  return issue.inclusive === false ? `应小于 ${issue.maximum}` : `不能大于 ${issue.maximum}`;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  const size = limitText(issue.origin, issue.minimum);
  if (size) {
    if (issue.exact) return `应为 ${size}`;
    if (issue.origin === 'string' && Number(issue.minimum) === 1 && issue.inclusive !== false)
      return '不能为空';
    if (issue.origin !== 'string' && issue.origin !== 'file' && Number(issue.minimum) === 1)
      return '至少要有 1 项';
    return issue.inclusive === false ? `应多于 ${size}` : `至少 ${size}`;
  }
  if (issue.origin === 'date') {
    return `${issue.inclusive === false ? '应晚于' : '不能早于'} ${dateText(issue.minimum)}`;
  }
  return issue.inclusive === false ? `应大于 ${issue.minimum}` : `不能小于 ${issue.minimum}`;
}

function invalidFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const extra = issue as z.core.$ZodIssueInvalidStringFormat & Record<string, unknown>;
  const format: string = issue.format;
  if (format === 'starts_with') return `应以${show(extra.prefix)}开头`;
  if (format === 'ends_with') return `应以${show(extra.suffix)}结尾`;
  if (format === 'includes') return `应包含${show(extra.includes)}`;
  if (format === 'lowercase' || format === 'uppercase') return `应全为${FORMAT_NAMES[format] ?? ''}`;
  if (format === 'regex') return '格式不正确';
  const name = FORMAT_NAMES[format];
  return name ? joinWords('应为', name) : `格式不正确（应为 ${format}）`;
}

function invalidType(issue: z.core.$ZodIssueInvalidType): string {
  if (issue.input === undefined && issue.expected !== 'undefined') return '为必填项';
  if (issue.expected === 'never' || issue.expected === 'undefined') return '不应填写';
  return joinWords('应为', TYPE_NAMES[issue.expected] ?? issue.expected);
}

// The text after the field's name, for the issues that do not carry nested issues.
function problemText(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue);
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的整数倍`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `应为 ${show(issue.values[0])}`
        : `应为以下之一：${issue.values.map(show).join('、')}`;
    case 'unrecognized_keys':
      return `含有未知字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '格式不正确';
    case 'invalid_key':
      return '的键名无效';
    case 'invalid_element':
      return '中有无效的元素';
    case 'custom':
      return '不符合要求';
  }
}

// Joins words the way Chinese text is written: a space only where a Latin letter or digit meets a word.
export function joinWords(...words: string[]): string {
  let out = '';
  for (const word of words.filter(Boolean)) {
    if (out && (/[\x21-\x7e]$/.test(out) || /^[\x21-\x7e]/.test(word))) out += ' ';
    out += word;
  }
  return out;
}

// Turns the issues of one parse into problems, each a full sentence naming its field. Unions are opened
// up (the branch that came closest is described), and nested key/element issues are named inside
// their container. `label(path)` names a field; `base` is the path the issues are relative to.
export function describeIssues(
  issues: readonly Issue[],
  label: (path: Segment[]) => string,
  base: Segment[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    const authored = issue.message !== GENERATED && issue.message !== '';
    const own = label(path);
    const name = own || '请求内容';
    if (authored) {
      problems.push({ path, code: issue.code, message: `${name}：${issue.message}` });
      continue;
    }
    if (issue.code === 'invalid_union') {
      problems.push(...describeUnion(issue, path, label));
      continue;
    }
    if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
      problems.push({ path, code: issue.code, message: describeNested(issue, path, label) });
      continue;
    }
    if (issue.code === 'unrecognized_keys' && own === '') {
      problems.push({ path, code: issue.code, message: `未知字段：${issue.keys.join('、')}` });
      continue;
    }
    problems.push({ path, code: issue.code, message: joinWords(name, problemText(issue)) });
  }
  return problems;
}

// A record's or map's key, or a map's value under a key that is not a plain property name: the
// container is named, then what is wrong with the key or the element.
function describeNested(
  issue: z.core.$ZodIssueInvalidKey | z.core.$ZodIssueInvalidElement,
  path: Segment[],
  label: (p: Segment[]) => string,
): string {
  // A record names the bad key as the last step of the path; a map cannot (its keys may be objects).
  const inRecord = issue.code === 'invalid_key' && issue.origin === 'record' && path.length > 0;
  const container = label(inRecord ? path.slice(0, -1) : path) || '请求内容';
  const what =
    issue.code === 'invalid_key' ? (inRecord ? `的键名${show(String(path.at(-1)))}` : '的键名') : '中的元素';
  const inner = issue.issues[0];
  if (!inner) return joinWords(container, what, '无效');
  const authored = inner.message !== GENERATED && inner.message !== '';
  return authored
    ? `${joinWords(container, what)}：${inner.message}`
    : joinWords(container, what, problemText(inner));
}

function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: Segment[],
  label: (p: Segment[]) => string,
) {
  const name = label(path) || '请求内容';
  const extra = issue as z.core.$ZodIssueInvalidUnion & { note?: string; options?: unknown[] };
  if (issue.inclusive === false) {
    return [{ path, code: issue.code, message: joinWords(name, '同时符合多种格式，无法确定是哪一种') }];
  }
  if (issue.discriminator && issue.errors.length === 0) {
    // Zod already ends the path with the discriminator's key.
    const options = (extra.options ?? []).map(show).join('、');
    const text = options ? `应为以下之一：${options}` : '不正确';
    return [{ path, code: issue.code, message: joinWords(name, text) }];
  }
  // Every branch refused the value's type: say which types would do.
  const simple = issue.errors.every(
    (branch) => branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0].path.length === 0,
  );
  if (simple && issue.errors.length > 0) {
    const first = issue.errors[0]![0]!;
    if (first.input === undefined) return [{ path, code: issue.code, message: joinWords(name, '为必填项') }];
    const names = issue.errors.map((b) => TYPE_NAMES[(b[0] as z.core.$ZodIssueInvalidType).expected] ?? '');
    const text = `应为${[...new Set(names.filter(Boolean))].join('或')}`;
    return [{ path, code: issue.code, message: joinWords(name, text) }];
  }
  const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
  if (!closest || closest.length === 0)
    return [{ path, code: issue.code, message: joinWords(name, '格式不正确') }];
  return describeIssues(closest, label, path);
}
