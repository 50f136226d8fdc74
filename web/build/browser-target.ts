// Fails the build when a built chunk needs a newer browser than the oldest one Luoshi supports:
// Chromium 90 (奇安信可信浏览器 on 统信 UOS). The bundler lowers syntax to build.target, but it adds no
// polyfills and trusts its own lowering; this check reads the output itself, so a library that ships
// newer code, a wrong target or a missing polyfill shows at build time instead of on a 信创 desktop.
import { parse, type Node } from 'acorn';
import { ancestor } from 'acorn-walk';
import type { Plugin } from 'vite';

const TARGET_CHROME = 90;

// Runtime APIs newer than the target, with the Chrome version that shipped them and the core-js module
// modules that polyfill them (all of them: `.at()` may be an array's or a string's; none when core-js
// has no polyfill). Chrome 90 has everything up to ES2020 and, of ES2021,
// String#replaceAll, Promise.any, WeakRef and logical assignment; these come later.
interface NewerApi {
  chrome: number;
  polyfill: string | string[];
}
const NEWER_METHODS: Record<string, NewerApi> = {
  at: { chrome: 92, polyfill: ['es.array.at', 'es.string.at-alternative'] },
  findLast: { chrome: 97, polyfill: 'es.array.find-last' },
  findLastIndex: { chrome: 97, polyfill: 'es.array.find-last-index' },
  toSorted: { chrome: 110, polyfill: 'es.array.to-sorted' },
  toReversed: { chrome: 110, polyfill: 'es.array.to-reversed' },
  toSpliced: { chrome: 110, polyfill: 'es.array.to-spliced' },
  isWellFormed: { chrome: 111, polyfill: 'es.string.is-well-formed' },
  toWellFormed: { chrome: 111, polyfill: 'es.string.to-well-formed' },
  union: { chrome: 122, polyfill: 'es.set.union.v2' },
  intersection: { chrome: 122, polyfill: 'es.set.intersection.v2' },
  difference: { chrome: 122, polyfill: 'es.set.difference.v2' },
  symmetricDifference: { chrome: 122, polyfill: 'es.set.symmetric-difference.v2' },
  isSubsetOf: { chrome: 122, polyfill: 'es.set.is-subset-of.v2' },
  isSupersetOf: { chrome: 122, polyfill: 'es.set.is-superset-of.v2' },
  isDisjointFrom: { chrome: 122, polyfill: 'es.set.is-disjoint-from.v2' },
  randomUUID: { chrome: 92, polyfill: '' },
  checkVisibility: { chrome: 105, polyfill: '' },
  showPopover: { chrome: 114, polyfill: '' },
  startViewTransition: { chrome: 111, polyfill: '' },
};
const NEWER_STATICS: Record<string, NewerApi> = {
  'Object.hasOwn': { chrome: 93, polyfill: 'es.object.has-own' },
  'Object.groupBy': { chrome: 117, polyfill: 'es.object.group-by' },
  'Map.groupBy': { chrome: 117, polyfill: 'es.map.group-by' },
  'Array.fromAsync': { chrome: 121, polyfill: 'es.array.from-async' },
  'Promise.withResolvers': { chrome: 119, polyfill: 'es.promise.with-resolvers' },
  'Promise.try': { chrome: 128, polyfill: 'es.promise.try' },
  'Iterator.from': { chrome: 122, polyfill: 'es.iterator.from' },
  'AbortSignal.timeout': { chrome: 103, polyfill: '' },
  'AbortSignal.any': { chrome: 116, polyfill: '' },
  'URL.canParse': { chrome: 120, polyfill: 'web.url.can-parse' },
  'URL.parse': { chrome: 126, polyfill: 'web.url.parse' },
  'RegExp.escape': { chrome: 136, polyfill: 'es.regexp.escape' },
};
const NEWER_GLOBALS: Record<string, NewerApi> = {
  structuredClone: { chrome: 98, polyfill: 'web.structured-clone' },
};

interface Chunk {
  fileName: string;
  code: string;
}

interface Finding {
  fileName: string;
  // What the chunk uses, and the first Chrome that has it.
  feature: string;
  chrome: number;
  offset: number;
  // The code around the use, to find it in the library that brought it.
  excerpt: string;
}

// The core-js modules a bundle carries, from the module ids of its chunks (…/core-js/modules/es.array.at.js).
export function polyfillsIn(moduleIds: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const id of moduleIds) {
    const m = /core-js\/modules\/([\w.-]+)\.js$/.exec(id.replaceAll('\\', '/'));
    if (m?.[1]) found.add(m[1]);
  }
  return found;
}

interface AnyNode extends Node {
  [key: string]: unknown;
}

const nameOf = (node: unknown): string | undefined => {
  const n = node as AnyNode | undefined;
  if (n?.type === 'Identifier') return n.name as string;
  if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
  return undefined;
};

// What in one chunk is newer than Chrome 90 and not polyfilled. Syntax: the chunk must parse as
// ES2022 (so ES2023+ syntax such as RegExp /v fails), and of ES2022 the two parts Chrome 90 lacks —
// class static blocks (94) and `#field in obj` (91) — are found in the tree. Runtime APIs: calls of
// the methods and statics above, and references to the globals, unless guarded by `typeof`.
export function checkChunk(chunk: Chunk, polyfills: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const add = (feature: string, chrome: number, offset: number) =>
    findings.push({
      fileName: chunk.fileName,
      feature,
      chrome,
      offset,
      excerpt: chunk.code.slice(Math.max(0, offset - 40), offset + 60).replace(/\s+/g, ' '),
    });
  const api = (feature: string, newer: NewerApi | undefined, node: Node, ancestors: Node[], name: string) => {
    if (!newer || newer.chrome <= TARGET_CHROME) return;
    const modules = [newer.polyfill].flat().filter(Boolean);
    if (modules.length > 0 && modules.every((m) => polyfills.has(m))) return;
    if (isGuarded(chunk.code, node, ancestors, name)) return;
    add(feature, newer.chrome, node.start);
  };
  let ast: Node;
  try {
    ast = parse(chunk.code, { ecmaVersion: 2022, sourceType: 'module' });
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    add(`syntax newer than ES2022: ${(error as Error).message}`, Number.POSITIVE_INFINITY, pos);
    return findings;
  }
  ancestor(ast, {
    StaticBlock(node) {
      add('class static block', 94, node.start);
    },
    BinaryExpression(node) {
      if (node.operator === 'in' && node.left.type === 'PrivateIdentifier')
        add('#private in object', 91, node.start);
    },
    CallExpression(node, _state, ancestors) {
      const callee = node.callee as AnyNode;
      if (callee.type !== 'MemberExpression') return;
      const method = nameOf(callee.property);
      if (!method) return;
      const owner = nameOf(callee.object);
      if (owner && `${owner}.${method}` in NEWER_STATICS) {
        api(`${owner}.${method}()`, NEWER_STATICS[`${owner}.${method}`], node, ancestors, method);
      } else if (Object.hasOwn(NEWER_METHODS, method)) {
        api(`.${method}()`, NEWER_METHODS[method], node, ancestors, method);
      }
    },
    Identifier(node, _state, ancestors) {
      if (!Object.hasOwn(NEWER_GLOBALS, node.name)) return;
      const parent = ancestors.at(-2) as AnyNode | undefined;
      // A property name (x.structuredClone) or a `typeof` guard is not a use of the global.
      if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
      if (parent?.type === 'Property' && parent.key === node) return;
      if (parent?.type === 'UnaryExpression' && parent.operator === 'typeof') return;
      api(node.name, NEWER_GLOBALS[node.name], node, ancestors, node.name);
    },
  });
  return findings;
}

// A use that cannot run on an older browser: inside a method of the same name (a wrapper that forwards
// the call, such as Vue's reactive array methods, runs only when its caller already has the method), or
// on the taken side of a feature test that names the API without calling it (`typeof x.name`,
// `'name' in x`, `x.name && x.name()`).
function isGuarded(code: string, node: Node, ancestors: readonly Node[], name: string): boolean {
  const mentions = (test: Node | null | undefined) =>
    !!test && new RegExp(`(?:\\.|\\b|['"])${name}\\b(?!\\s*\\()`).test(code.slice(test.start, test.end));
  const inside = (outer: Node | null | undefined) =>
    !!outer && outer.start <= node.start && node.end <= outer.end;
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const a = ancestors[i] as AnyNode;
    if ((a.type === 'Property' || a.type === 'MethodDefinition') && nameOf(a.key) === name) return true;
    if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && mentions(a.test as Node)) {
      if (inside(a.consequent as Node)) return true;
    }
    if (a.type === 'LogicalExpression' && a.operator === '&&' && mentions(a.left as Node)) {
      if (inside(a.right as Node)) return true;
    }
  }
  return false;
}

function describe(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const needs = Number.isFinite(f.chrome) ? `needs Chrome ${f.chrome}` : 'does not parse';
      return `  ${f.fileName} @${f.offset}: ${f.feature} (${needs}, target Chrome ${TARGET_CHROME})\n      …${f.excerpt}…`;
    })
    .join('\n');
}

// The Vite plugin: after the bundle is generated, every JavaScript chunk is checked against the target
// and the polyfills in the entry chunk (the only ones guaranteed to load first).
export function browserTargetCheck(): Plugin {
  return {
    name: 'luoshi:browser-target-check',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const polyfills = polyfillsIn(chunks.filter((c) => c.isEntry).flatMap((c) => c.moduleIds));
      const findings = chunks.flatMap((c) => checkChunk(c, polyfills));
      if (findings.length > 0) {
        this.error(
          `built code needs a newer browser than Chrome ${TARGET_CHROME} (see docs/decisions/browser-target.md):\n` +
            describe(findings),
        );
      }
    },
  };
}
