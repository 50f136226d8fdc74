// The demo year's story (演示数据): which tasks the example plan was decomposed into, who leads them, how
// each unit reports, and what happened on which day. demo.history.ts plays it through the product's own
// services with the clock stepped through the year, so every row is one the product would write.
//
// Dates: 'MM-DD' in the demo year, or a number of days before today (-5), for what should be recent
// whatever day the demo is started on.

export type When = string | number;

export interface MilestoneSpec {
  title: string;
  due: string;
  // Reached this many days after its due date (negative: early); null: not reached yet.
  doneAfter: number | null;
}

export interface IndicatorSpec {
  name: string;
  unit: string;
  baseline: number;
  target: number;
}

// How the lead unit reports, by period (0 = the task's first period).
export interface Reporting {
  // Progress as a share of the time elapsed (1 keeps pace; 0.5 falls behind and turns yellow).
  pace?: number;
  // Days before the due date an on-time report goes in (default 4; 1 leaves it to the last days).
  lead?: number;
  late?: number[];
  returned?: number[];
  // No report from this period on (missing: red after the grace days).
  stopFrom?: number;
}

export interface TaskSpec {
  key: string;
  // The plan item (its heading, or the start of it); children inherit their parent's.
  item?: string;
  title: string;
  description: string;
  lead: string;
  coop?: string[];
  cycle: 'monthly' | 'quarterly';
  start: string;
  due: string;
  assignOn: When;
  // Days after assignment the lead unit signs; null: not signed (yet).
  signAfter?: number | null;
  // Who creates and reviews it (a province staff member; children: their region's staff).
  by?: string;
  draft?: boolean;
  milestones?: MilestoneSpec[];
  indicators?: IndicatorSpec[];
  reporting?: Reporting;
  children?: TaskSpec[];
}

const YEAR_LONG = { start: '01-10', due: '12-31' };

export const TASKS: TaskSpec[] = [
  {
    key: 'advice',
    item: '进一步提高参政议政',
    title: '加强和改进议政建言工作，全年报送高质量建言',
    description: '引导党外人士围绕全省中心工作提出有价值、有分量的意见建议，按月汇总报送。',
    lead: '党派工作处',
    coop: ['民盟山东省委会', '民建山东省委会'],
    cycle: 'monthly',
    ...YEAR_LONG,
    assignOn: '01-08',
    indicators: [{ name: '报送议政建言', unit: '篇', baseline: 0, target: 120 }],
    reporting: { pace: 1.05, returned: [3] },
  },
  {
    key: 'supervision',
    item: '进一步提高参政议政',
    title: '支持各民主党派省委会开展专项民主监督',
    description: '围绕党中央决策部署和省委工作要求落实情况，支持民主党派省委会、无党派人士开展专项监督。',
    lead: '党派工作处',
    coop: ['民革山东省委会', '九三学社山东省委会'],
    cycle: 'quarterly',
    start: '01-10',
    due: '12-20',
    assignOn: '01-08',
    milestones: [
      { title: '制定专项监督工作方案', due: '03-31', doneAfter: -6 },
      { title: '开展实地监督调研', due: '07-31', doneAfter: -3 },
      { title: '形成专项监督报告', due: '11-15', doneAfter: null },
    ],
  },
  {
    key: 'hkmacao',
    item: '聚焦在服务和融入新发展格局',
    title: '持续打造“港澳山东千人行”品牌活动',
    description: '密切同港澳台和海外友好社团的联系，组织港澳青年来鲁交流考察。',
    lead: '港澳台海外联络处',
    coop: ['山东省人民政府外事办公室'],
    cycle: 'quarterly',
    start: '01-10',
    due: '12-15',
    assignOn: '01-09',
    milestones: [
      { title: '活动方案报批', due: '03-15', doneAfter: -5 },
      { title: '组织港澳青年来鲁交流', due: '07-20', doneAfter: 8 },
      { title: '活动总结评估', due: '11-20', doneAfter: -2 },
    ],
    indicators: [{ name: '参加交流的港澳人士', unit: '人次', baseline: 0, target: 1000 }],
  },
  {
    key: 'innovation',
    item: '聚焦在增强经济社会发展创新力',
    title: '引导民营企业提升科技创新能力',
    description: '鼓励支持党外人才加大科研攻关力度，推动“专精特新”民营企业梯度培育。',
    lead: '山东省发展和改革委员会',
    coop: ['山东省工业和信息化厅', '经济处'],
    cycle: 'monthly',
    start: '01-15',
    due: '11-30',
    assignOn: '01-12',
    by: 'staff',
    indicators: [
      { name: '新增省级专精特新民营企业', unit: '家', baseline: 0, target: 300 },
      { name: '民营企业研发投入增长', unit: '%', baseline: 0, target: 8 },
    ],
    reporting: { pace: 0.95, late: [1, 5], returned: [7] },
  },
  {
    key: 'yellowriver',
    item: '聚焦在推动黄河流域',
    title: '举办“海外华文媒体看黄河”活动',
    description: '邀请海外华文媒体走进沿黄地市，讲好黄河故事，打造引资引智新平台。',
    lead: '港澳台海外联络处',
    cycle: 'quarterly',
    start: '03-01',
    due: '09-30',
    assignOn: '02-24',
    indicators: [{ name: '参加活动的海外华文媒体', unit: '家', baseline: 0, target: 40 }],
    reporting: { pace: 1.2 },
  },
  {
    key: 'villages',
    item: '积极助推不断改善人民生活',
    title: '做深做实“万企兴万村”行动',
    description: '组织民营企业结对帮扶村庄，各市统战部分解落实到县（市、区）。',
    lead: '中共山东省委统战部',
    cycle: 'monthly',
    ...YEAR_LONG,
    assignOn: '01-06',
    by: 'zhoumin',
    indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 1600 }],
    children: [
      {
        key: 'villages-jinan',
        title: '济南市“万企兴万村”行动',
        description: '组织全市民营企业结对帮扶村庄，分解到各区县。',
        lead: '中共济南市委统战部',
        cycle: 'monthly',
        ...YEAR_LONG,
        assignOn: '01-12',
        indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 260 }],
        children: [
          {
            key: 'villages-lixia',
            title: '历下区“万企兴万村”结对帮扶',
            description: '组织辖区民营企业结对帮扶章丘区、平阴县村庄。',
            lead: '中共济南市历下区委统战部',
            cycle: 'monthly',
            start: '01-20',
            due: '12-31',
            assignOn: '01-18',
            indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 30 }],
            reporting: { returned: [2, 8], pace: 1.1 },
          },
          {
            key: 'villages-licheng',
            title: '历城区“万企兴万村”结对帮扶',
            description: '组织辖区民营企业结对帮扶本区及对口村庄。',
            lead: '中共济南市历城区委统战部',
            cycle: 'monthly',
            start: '01-20',
            due: '12-31',
            assignOn: '01-18',
            indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 40 }],
            reporting: { late: [2, 6], lead: 1 },
          },
          {
            key: 'villages-zhangqiu',
            title: '章丘区“万企兴万村”结对帮扶',
            description: '组织辖区民营企业结对帮扶本区村庄。',
            lead: '中共济南市章丘区委统战部',
            cycle: 'monthly',
            start: '10-01',
            due: '12-31',
            assignOn: '09-28',
            signAfter: null,
          },
        ],
      },
      {
        key: 'villages-qingdao',
        title: '青岛市“万企兴万村”行动',
        description: '组织全市民营企业结对帮扶村庄。',
        lead: '中共青岛市委统战部',
        cycle: 'monthly',
        ...YEAR_LONG,
        assignOn: '01-12',
        indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 240 }],
        reporting: { pace: 1.02 },
      },
      {
        key: 'villages-zibo',
        title: '淄博市“万企兴万村”行动',
        description: '组织全市民营企业结对帮扶村庄。',
        lead: '中共淄博市委统战部',
        cycle: 'monthly',
        ...YEAR_LONG,
        assignOn: '01-12',
        indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 150 }],
        reporting: { stopFrom: 7 },
      },
      {
        key: 'villages-yantai',
        title: '烟台市“万企兴万村”行动',
        description: '组织全市民营企业结对帮扶村庄。',
        lead: '中共烟台市委统战部',
        cycle: 'monthly',
        ...YEAR_LONG,
        assignOn: '01-12',
        indicators: [{ name: '结对帮扶村', unit: '个', baseline: 0, target: 180 }],
        reporting: { pace: 0.55 },
      },
    ],
  },
  {
    key: 'business',
    item: '民营经济统战工作方面',
    title: '健全政企沟通协商机制，构建亲清政商关系',
    description: '定期召开政企沟通协商会，收集办理民营企业反映的问题。',
    lead: '经济处',
    coop: ['山东省发展和改革委员会', '山东省工商业联合会'],
    cycle: 'monthly',
    start: '02-01',
    due: '11-30',
    assignOn: '01-26',
    indicators: [
      { name: '召开政企沟通协商会', unit: '场', baseline: 0, target: 12 },
      { name: '办结企业反映问题', unit: '件', baseline: 0, target: 200 },
    ],
    reporting: { late: [4] },
  },
  {
    key: 'ethnic',
    item: '民族宗教工作方面',
    title: '铸牢中华民族共同体意识，推进民族团结进步创建',
    description: '贯彻中央和省委民族宗教工作会议精神，开展民族团结进步示范创建。',
    lead: '民族宗教处',
    coop: ['山东省民族宗教事务委员会'],
    cycle: 'quarterly',
    start: '01-10',
    due: '12-20',
    assignOn: '01-08',
    indicators: [{ name: '新命名民族团结进步示范单位', unit: '个', baseline: 0, target: 50 }],
    reporting: { late: [2] },
  },
  {
    key: 'nonparty',
    item: '党外知识分子和新的社会阶层',
    title: '全面提升无党派代表人士队伍建设水平',
    description: '摸清无党派代表人士底数，建立后备人才库，开展分级培训。',
    lead: '中共山东省委统战部',
    cycle: 'quarterly',
    start: '02-01',
    due: '12-31',
    assignOn: '01-20',
    by: 'zhoumin',
    milestones: [
      { title: '完成底数摸排', due: '04-30', doneAfter: 0 },
      { title: '建立后备人才库', due: '09-30', doneAfter: -10 },
    ],
  },
  {
    key: 'grassroots',
    item: '解决好“干得好”的问题',
    title: '着力夯实基层统战工作基础',
    description: '加强对基层统战工作的支持和指导，配齐配强工作力量，各市分解落实。',
    lead: '中共山东省委统战部',
    cycle: 'quarterly',
    start: '02-01',
    due: '12-31',
    assignOn: '01-28',
    by: 'zhoumin',
    children: [
      {
        key: 'grassroots-jinan',
        title: '济南市基层统战工作规范化建设',
        description: '推进镇街统战工作规范化建设，各区县分解落实。',
        lead: '中共济南市委统战部',
        cycle: 'quarterly',
        start: '02-10',
        due: '12-31',
        assignOn: '02-06',
        children: [
          {
            key: 'grassroots-lixia',
            title: '历下区街道统战工作站建设',
            description: '在各街道建成统战工作站并投入使用。',
            lead: '中共济南市历下区委统战部',
            cycle: 'quarterly',
            start: '02-20',
            due: '12-31',
            assignOn: '02-16',
            indicators: [{ name: '建成街道统战工作站', unit: '个', baseline: 2, target: 14 }],
            reporting: { late: [1] },
          },
        ],
      },
      {
        key: 'grassroots-yantai',
        title: '烟台市基层统战工作规范化建设',
        description: '推进镇街统战工作规范化建设。',
        lead: '中共烟台市委统战部',
        cycle: 'quarterly',
        start: '02-10',
        due: '12-31',
        assignOn: '02-06',
      },
      {
        key: 'grassroots-linyi',
        title: '临沂市基层统战工作规范化建设',
        description: '推进镇街统战工作规范化建设。',
        lead: '中共临沂市委统战部',
        cycle: 'quarterly',
        start: '11-01',
        due: '12-31',
        assignOn: -9,
        signAfter: null,
      },
    ],
  },
  {
    key: 'specialised',
    item: '聚焦在服务和融入新发展格局',
    title: '统筹推进“专精特新”企业和“高精尖缺”人才引进',
    description: '把“专精特新”企业、“高精尖缺”人才引进来，助推省内产能和技术装备走出去。',
    lead: '山东省发展和改革委员会',
    coop: ['山东省商务厅'],
    cycle: 'quarterly',
    start: '01-15',
    due: '12-10',
    assignOn: '01-12',
    by: 'staff',
    milestones: [
      { title: '形成年度引进计划', due: '03-31', doneAfter: -10 },
      { title: '举办对接洽谈活动', due: '09-15', doneAfter: -5 },
    ],
    indicators: [{ name: '引进“专精特新”企业', unit: '家', baseline: 0, target: 60 }],
    reporting: { pace: 1.15 },
  },
  {
    key: 'survey',
    item: '民营经济统战工作方面',
    title: '开展民营经济政策落实情况调研',
    description: '调研惠企政策在民营企业中的落实情况，形成调研报告。',
    lead: '山东省发展和改革委员会',
    coop: ['经济处'],
    cycle: 'quarterly',
    start: '11-20',
    due: '12-31',
    assignOn: -6,
    signAfter: null,
    by: 'staff',
  },
  {
    key: 'risks',
    item: '防范化解风险',
    title: '统一战线领域风险隐患排查',
    description: '全面排查统一战线领域风险隐患，建立台账。',
    lead: '中共山东省委统战部',
    cycle: 'monthly',
    start: '01-10',
    due: '06-30',
    assignOn: '01-08',
    by: 'zhoumin',
  },
  {
    key: 'summary',
    item: '解决好“怎么干”的问题',
    title: '筹备年度全省统战工作总结会议',
    description: '起草总结报告，筹备会议。',
    lead: '办公室',
    cycle: 'monthly',
    start: '12-01',
    due: '12-31',
    assignOn: -3,
    draft: true,
  },
];
