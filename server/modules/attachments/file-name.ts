// File names as uploaded are only a label: never a path, never a header injection, never a way to make
// a browser run something. The stored name is the last path segment, without control or reserved
// characters, bounded in length, with an extension that matches the detected content.
import type { EvidenceType } from '../../core/files/evidence-types.ts';

export const MAX_FILE_NAME = 120;
const FALLBACK = '附件';

/** The name to store for an upload named `raw` whose content is of `type`. */
export function storedFileName(raw: string, type: EvidenceType): string {
  const base = sanitise(raw);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  // A name whose extension belongs to another kind of file gets the right one, so the file opens in the
  // right program on the reader's machine (a PDF uploaded as 报告.doc is kept as 报告.pdf).
  const suffix = type.extensions.includes(ext) ? ext : type.extensions[0]!;
  const room = MAX_FILE_NAME - suffix.length - 1;
  const shortStem = [...(stem || FALLBACK)].slice(0, room).join('').trim() || FALLBACK;
  return `${shortStem}.${suffix}`;
}

function sanitise(raw: string): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  return (
    lastSegment
      // C0/C1 controls (CR, LF, NUL …), bidirectional overrides, and characters Windows refuses in names.
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .replace(/[. ]+$/, '')
  );
}

/**
 * Content-Disposition for a download: always `attachment` (never rendered in the page), an ASCII
 * fallback name and the real one as RFC 5987 `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
