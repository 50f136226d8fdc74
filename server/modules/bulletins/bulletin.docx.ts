// A 督办通报 as a .docx in 公文 layout (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm,
// right 26 mm; title in 小标宋 二号 (22 pt); body in 仿宋_GB2312 三号 (16 pt), 22 lines of 28 characters;
// first-level headings in 黑体; page numbers "— 1 —" in 宋体 四号 below the text, odd pages on the right
// and even pages on the left, one character in; 发文机关署名 and 成文日期 at the end, on the right.
// Fonts are named as the government machines name them (方正小标宋简体, 仿宋_GB2312, 黑体, 宋体);
// Word, WPS and LibreOffice substitute the nearest installed CJK font when one is missing.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { cnDate, type BulletinSection } from './bulletin.sections.ts';

const mm = (v: number) => Math.round((v * 1440) / 25.4); // twips
const pt = (v: number) => v * 2; // half-points (font sizes)

// Text area: 156 mm wide (210 − 28 − 26), 225 mm high (297 − 37 − 35).
const LINE_PITCH = 579; // twips: 225 mm / 22 lines ≈ 28.95 pt
// 28 characters in 156 mm: 15.79 pt per character, so 三号 (16 pt) characters are drawn 0.21 pt closer
// (w:spacing in twentieths of a point).
const BODY_CHAR_SPACING = -4;
const CHAR = 320; // one 三号 character, in twips: first-line indent is two of them

const font = (eastAsia: string, latin = 'Times New Roman') => ({
  ascii: latin,
  hAnsi: latin,
  eastAsia,
  cs: latin,
});
const FANGSONG = font('仿宋_GB2312');
const HEITI = font('黑体');
const XIAOBIAOSONG = font('方正小标宋简体');
const SONGTI = font('宋体');

const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function run(text: string, opts: Omit<IRunOptions, 'text'> = {}) {
  return new TextRun({ text, font: FANGSONG, size: pt(16), characterSpacing: BODY_CHAR_SPACING, ...opts });
}

function bodyParagraph(text: string) {
  return new Paragraph({
    children: [run(text)],
    spacing: exact,
    indent: { firstLine: CHAR * 2 },
    alignment: AlignmentType.BOTH,
  });
}

const blank = () => new Paragraph({ children: [run('')], spacing: exact });

function cellParagraph(text: string, header: boolean) {
  return new Paragraph({
    children: [new TextRun({ text, font: header ? HEITI : FANGSONG, size: pt(12) })],
    spacing: { line: 320, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
  });
}

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

// Column widths in twips by heading; the 任务 column takes what is left of the 156 mm text width.
const TEXT_WIDTH = mm(156);
const COLUMN_WIDTHS: Record<string, number> = {
  序号: 700,
  牵头单位: 2200,
  单位: 2800,
  地区: 1500,
  完成时限: 1500,
  办结日期: 1500,
  进度: 900,
  未报送: 1100,
  退回未改: 1300,
  原因: 2600,
  级别: 1300,
  办理情况: 2000,
};

function columnWidths(columns: string[]): number[] {
  const fixed = columns.map((c) => COLUMN_WIDTHS[c] ?? 0);
  const rest = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const flexible = fixed.filter((w) => w === 0).length;
  return fixed.map((w) => (w === 0 ? Math.floor(rest / Math.max(flexible, 1)) : w));
}

function table(section: BulletinSection): (Paragraph | Table)[] {
  const t = section.table;
  if (!t) return [];
  const widths = columnWidths(t.columns);
  const rows = [t.columns, ...t.rows].map(
    (cells, r) =>
      new TableRow({
        tableHeader: r === 0,
        children: cells.map(
          (text, c) =>
            new TableCell({
              width: { size: widths[c]!, type: WidthType.DXA },
              children: [cellParagraph(text, r === 0)],
              margins: { left: 80, right: 80, top: 40, bottom: 40 },
            }),
        ),
      }),
  );
  const out: (Paragraph | Table)[] = [
    new Table({
      rows,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: {
        top: line,
        bottom: line,
        left: line,
        right: line,
        insideHorizontal: line,
        insideVertical: line,
      },
    }),
  ];
  if (t.note) out.push(new Paragraph({ children: [run(t.note, { size: pt(14) })], spacing: exact }));
  return out;
}

function pageFooter(align: 'right' | 'left') {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: pt(14) })],
      }),
    ],
  });
}

// Width in 三号 characters: a CJK character is one, a digit or a Latin letter about half.
const widthInChars = (text: string) =>
  [...text].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

export interface DocxBulletin {
  title: string;
  issuer: string;
  // 成文日期 (yyyy-mm-dd); a draft shows the day it is downloaded.
  date: string;
  sections: BulletinSection[];
}

export async function bulletinDocx(b: DocxBulletin): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact,
      children: [new TextRun({ text: b.title, font: XIAOBIAOSONG, size: pt(22) })],
    }),
    blank(),
  ];
  for (const section of b.sections) {
    children.push(
      new Paragraph({
        spacing: exact,
        indent: { firstLine: CHAR * 2 },
        children: [run(section.heading, { font: HEITI })],
      }),
    );
    for (const text of section.text.split('\n').map((x) => x.trim()))
      if (text) children.push(bodyParagraph(text));
    children.push(...table(section));
  }
  // 成文日期 four characters in from the right; 发文机关署名 centred over it (GB/T 9704 7.3.5.2).
  const date = cnDate(b.date);
  const issuerIndent = Math.max(
    0,
    Math.round(CHAR * (4 + (widthInChars(date) - widthInChars(b.issuer)) / 2)),
  );
  // One blank line after the text (two would often push the signature alone onto a new page).
  children.push(
    blank(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: issuerIndent },
      spacing: exact,
      children: [run(b.issuer)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: CHAR * 4 },
      spacing: exact,
      children: [run(date)],
    }),
  );
  const doc = new Document({
    creator: b.issuer,
    title: b.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: FANGSONG, size: pt(16) } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              // The page number's line sits 7 mm below the text area.
              footer: mm(23),
              header: mm(15),
            },
          },
          // No document grid: a grid makes Word and LibreOffice snap the title and the table rows to
          // whole grid lines; exact line spacing and character spacing give the 22 × 28 on their own.
        },
        footers: { default: pageFooter('right'), even: pageFooter('left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
