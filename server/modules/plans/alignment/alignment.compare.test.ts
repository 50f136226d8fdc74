import { describe, expect, it } from 'vitest';
import { compareItems, type CompareItem } from './alignment.compare.ts';

type Spec = [heading: string, body?: string, children?: Spec[]];

// Hand-made outlines → compare items with ids 1.. (left) or 101.. (right), in pre-order.
function items(specs: Spec[], base: number): CompareItem[] {
  const out: CompareItem[] = [];
  const visit = (list: Spec[], parentId: number | null) =>
    list.forEach(([heading, body = '', children = []], position) => {
      const id = base + out.length + 1;
      out.push({ id, parentId, ord: out.length, position, number: null, heading, body });
      visit(children, id);
    });
  visit(specs, null);
  return out;
}

const S1: Spec = [
  '坚持党的领导',
  '把党的领导贯穿统一战线工作全过程各方面',
  [
    ['加强政治引领', '引导统战成员深入学习习近平新时代中国特色社会主义思想'],
    ['落实工作责任', '压紧压实各级党委主体责任，健全统战工作领导小组运行机制'],
  ],
];
const S2: Spec = [
  '服务中心大局',
  '围绕高质量发展凝聚统一战线智慧力量',
  [
    ['助力乡村振兴', '深化“万企兴万村”行动，组织民营企业参与乡村振兴'],
    ['促进民营经济健康发展', '开展政企沟通协商，帮助民营企业解决实际困难'],
    ['做好港澳台海外工作', '办好“港澳山东千人行”活动，加强与海外侨胞联系'],
  ],
];

const kinds = (r: ReturnType<typeof compareItems>) =>
  r.entries.map((e) => `${e.kind}${e.moved ? `:${e.moved}` : ''}`);

describe('compareItems', () => {
  it('matches identical outlines item for item', () => {
    const r = compareItems(items([S1, S2], 0), items([S1, S2], 100));
    expect(kinds(r)).toEqual(Array(7).fill('matched'));
    expect(r.entries.every((e) => e.right!.id === e.left!.id + 100)).toBe(true);
  });

  it('reports a reworded item as changed with a word difference', () => {
    const right: Spec = [
      S2[0],
      S2[1],
      [['助力乡村振兴', '深化“万企兴万村”行动，组织更多民营企业参与乡村振兴'], S2[2]![1]!, S2[2]![2]!],
    ];
    const r = compareItems(items([S1, S2], 0), items([S1, right], 100));
    const changed = r.entries.filter((e) => e.kind === 'changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.diff!.body).toContainEqual({ op: 'insert', text: '更多' });
    expect(changed[0]!.diff!.body.filter((d) => d.op === 'delete')).toHaveLength(0);
  });

  it('finds one added and one removed item', () => {
    const added: Spec = [
      S2[0],
      S2[1],
      [...S2[2]!, ['加强新的社会阶层人士工作', '建设新阶层人士实践创新基地']],
    ];
    const r1 = compareItems(items([S1, S2], 0), items([S1, added], 100));
    expect(r1.summary).toMatchObject({ added: 1, removed: 0, changed: 0, moved: 0 });
    const removed: Spec = [S2[0], S2[1], S2[2]!.slice(0, 2)];
    const r2 = compareItems(items([S1, S2], 0), items([S1, removed], 100));
    expect(r2.summary).toMatchObject({ added: 0, removed: 1 });
    expect(r2.entries.at(-1)).toMatchObject({ kind: 'removed', left: { heading: '做好港澳台海外工作' } });
  });

  it('flags one of two swapped items as moved in order, not changed', () => {
    const swapped: Spec = [S2[0], S2[1], [S2[2]![1]!, S2[2]![0]!, S2[2]![2]!]];
    const r = compareItems(items([S1, S2], 0), items([S1, swapped], 100));
    expect(r.summary).toMatchObject({ matched: 7, changed: 0, moved: 1 });
    expect(r.entries.filter((e) => e.moved === 'order')).toHaveLength(1);
  });

  it('flags an item moved to another section as moved by parent', () => {
    const s1: Spec = [S1[0], S1[1], [...S1[2]!, S2[2]![2]!]];
    const s2: Spec = [S2[0], S2[1], S2[2]!.slice(0, 2)];
    const r = compareItems(items([S1, S2], 0), items([s1, s2], 100));
    expect(r.summary).toMatchObject({ matched: 7, added: 0, removed: 0, moved: 1 });
    expect(r.entries.find((e) => e.moved === 'parent')!.right!.heading).toBe('做好港澳台海外工作');
  });

  it('matches items across years whose wording only changes the year and the occasion', () => {
    const y2021 = items([['2021年工作重点', '以庆祝建党一百周年为主线，做好2021年统一战线各项工作']], 0);
    const y2022 = items([['2022年工作重点', '以迎接党的二十大为主线，做好2022年统一战线各项工作']], 100);
    const r = compareItems(y2021, y2022);
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]).toMatchObject({ kind: 'changed', moved: null });
  });

  it('matches a section whose heading stayed while its body was dropped', () => {
    const left = items(
      [['一、把握一条主线', '紧紧围绕迎接党的二十大召开这条主线，全力做好凝聚人心等工作']],
      0,
    );
    const right = items([['一、把握一条主线']], 100);
    expect(kinds(compareItems(left, right))).toEqual(['changed']);
  });

  it('does not match headings that only share a few characters', () => {
    const left = items([['民营经济统战工作方面']], 0);
    const right = items([['党外知识分子统战工作方面']], 100);
    expect(kinds(compareItems(left, right)).sort()).toEqual(['added', 'removed']);
  });

  it('treats full- and half-width punctuation alike in the difference', () => {
    const left = items([['加强政治引领', '引导统战成员深学细悟,深刻理解“两个确立”']], 0);
    const right = items([['加强政治引领', '引导统战成员深学细悟，深刻理解"两个确立"']], 100);
    const [entry] = compareItems(left, right).entries;
    expect(entry?.diff?.body.every((segment) => segment.op === 'equal')).toBe(true);
  });

  it('does not match unrelated items', () => {
    const r = compareItems(
      items([['加强民族团结进步', '铸牢中华民族共同体意识']], 0),
      items([['做好非公有制经济人士工作', '引导民营企业家守法经营']], 100),
    );
    expect(r.summary).toMatchObject({ matched: 0, changed: 0, added: 1, removed: 1 });
  });
});
