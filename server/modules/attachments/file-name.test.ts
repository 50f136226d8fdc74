import { describe, expect, it } from 'vitest';
import type { EvidenceType } from '../../core/files/evidence-types.ts';
import { contentDisposition, MAX_FILE_NAME, storedFileName } from './file-name.ts';

const PDF: EvidenceType = { kind: 'pdf', mime: 'application/pdf', extensions: ['pdf'] };
const DOC: EvidenceType = { kind: 'word', mime: 'application/msword', extensions: ['doc', 'wps', 'dot'] };

describe('stored file names', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\张三\\报告.pdf', '报告.pdf'],
    ['a\r\nSet-Cookie: x=1.pdf', 'aSet-Cookie x=1.pdf'],
    ['\u202egpj.exe.pdf', 'gpj.exe.pdf'],
    ['  ..隐藏.pdf . ', '隐藏.pdf'],
    ['<script>"x"|?*.pdf', 'scriptx.pdf'],
    ['', '附件.pdf'],
    ['...', '附件.pdf'],
    ['报告', '报告.pdf'],
    ['报告.docx', '报告.pdf'],
    ['报告.PDF', '报告.pdf'],
  ])('%j → %j', (raw, stored) => {
    expect(storedFileName(raw, PDF)).toBe(stored);
  });

  it('keeps an extension of the same kind of content (.wps for a Word binary)', () => {
    expect(storedFileName('金山.wps', DOC)).toBe('金山.wps');
    expect(storedFileName('金山.pdf', DOC)).toBe('金山.doc');
  });

  it('bounds the length, keeping the extension', () => {
    const name = storedFileName(`${'长'.repeat(500)}.pdf`, PDF);
    expect([...name].length).toBe(MAX_FILE_NAME);
    expect(name.endsWith('长.pdf')).toBe(true);
  });
});

describe('Content-Disposition', () => {
  it('always says attachment, with an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('工作 报告(1).pdf')).toBe(
      `attachment; filename="__ __(1).pdf"; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%20%E6%8A%A5%E5%91%8A%281%29.pdf`,
    );
    expect(contentDisposition('a"b\\c%d.pdf')).toBe(
      `attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%25d.pdf`,
    );
  });
});
