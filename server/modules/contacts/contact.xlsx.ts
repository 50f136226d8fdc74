// A person's own data as an .xlsx (字段 / 内容), written with the same formula guard as every export.
import { newBook, safeCell } from '../tasks/index.ts';

export async function contactXlsx(data: {
  exportedAt: string;
  contact: Record<string, string | number | null>;
  heldBy: string[];
}): Promise<Buffer> {
  const c = data.contact;
  const rows: [string, string | number | null][] = [
    ['编号', c.id ?? null],
    ['姓名', c.name ?? null],
    ['所属组织', c.organisation ?? null],
    ['职务', c.title ?? null],
    ['电话', c.phone ?? null],
    ['电子邮箱', c.email ?? null],
    ['保存依据', c.legalBasis ?? null],
    ['同意日期', c.consentOn ?? null],
    ['登记时间', c.createdAt ?? null],
    ['最后修改', c.updatedAt ?? null],
    ['使用该信息的记录', data.heldBy.join('\n') || '无'],
    ['导出时间', data.exportedAt],
  ];
  const book = newBook();
  const sheet = book.addWorksheet('个人信息');
  sheet.addRow(['字段', '内容']).font = { bold: true };
  for (const [label, value] of rows) sheet.addRow([label, safeCell(value)]);
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 48;
  // Text format: a phone number stays a string of digits, never a number in scientific notation.
  sheet.getColumn(2).numFmt = '@';
  return Buffer.from(await book.xlsx.writeBuffer());
}
