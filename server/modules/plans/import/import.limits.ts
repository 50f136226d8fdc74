// Bounds on what one import may cost (docs/decisions/plan-import-limits.md). Every input path checks
// them: the uploaded bytes (multipart), the unpacked XML of a .docx (declared and actual sizes), the
// decoded text, the outline, and the time and heap of the worker that parses it.
import { MAX_NODES } from '../plan.tree.ts';

export interface ImportLimits {
  /** Total unpacked bytes of the XML parts read from a .docx (word/document.xml and the like). */
  docxXmlBytes: number;
  /** XML tags in those parts: mammoth builds a tree of them (about 25 µs and 1.5 KB each). */
  docxXmlTags: number;
  /** Entries in a .docx's central directory. */
  docxEntries: number;
  /** Characters of decoded text handed to the parser. */
  textChars: number;
  /** Items (nodes) in the parsed outline; a plan with more cannot be saved anyway. */
  outlineNodes: number;
}

/** An uploaded file (multipart): .docx may carry pictures, so it is larger than its text. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const PREVIEW_LIMITS: ImportLimits = {
  docxXmlBytes: 4 * 1024 * 1024,
  docxXmlTags: 150_000,
  docxEntries: 2000,
  textChars: 200_000,
  outlineNodes: MAX_NODES,
};

/** The console parses the operator's own files in-process: the same unpacking bounds, no text or
 * outline bounds (the operator can stop it). */
export const CLI_LIMITS: ImportLimits = {
  ...PREVIEW_LIMITS,
  textChars: Number.POSITIVE_INFINITY,
  outlineNodes: Number.POSITIVE_INFINITY,
};

/** A parse that takes longer is stopped (its worker terminated). */
export const PARSE_TIMEOUT_MS = 20_000;
/** Heap of one parse worker; a document that needs more is refused rather than swapping the server. */
export const WORKER_HEAP_MB = 384;
/** Parse workers (the machine's cores are shared with the request path). */
export const PARSE_WORKERS = 2;
/** Previews waiting for a worker; beyond this the server answers 503 SERVER_BUSY. */
export const PARSE_QUEUE = 8;
/** Previews and searches per user per minute. */
export const PREVIEWS_PER_MINUTE = 20;
export const SEARCHES_PER_MINUTE = 120;
