// The words of the generated cases (bench/data.cases.ts): titles and texts put together from pools, so
// 25,000 cases read differently enough for the similarity index to weigh its terms as on real ones, and a
// few topics recur (as real proposals do year after year).

export const TOPICS = [
  '民营企业融资',
  '数字乡村建设',
  '基层医疗服务',
  '养老服务体系',
  '职业教育发展',
  '黄河流域生态保护',
  '海洋经济发展',
  '新能源汽车产业',
  '农村人居环境',
  '城市更新改造',
  '中小学课后服务',
  '科技成果转化',
  '人才引进政策',
  '营商环境优化',
  '文化旅游融合',
  '乡村振兴人才',
  '粮食安全保障',
  '食品安全监管',
  '社区治理创新',
  '跨境电商发展',
  '绿色低碳转型',
  '新型城镇化',
  '知识产权保护',
  '公共卫生应急',
  '残疾人就业',
  '婴幼儿照护服务',
  '老旧小区加装电梯',
  '农产品品牌建设',
  '非遗传承保护',
  '企业减税降费',
] as const;

const SITUATION = [
  '近年来，我省{t}取得积极进展，但与群众期待相比仍有差距。',
  '调研发现，{t}在基层落实中存在政策知晓率不高、服务供给不足的问题。',
  '{t}是事关民生和高质量发展的重要工作，社会关注度持续上升。',
  '部分市县{t}工作推进不平衡，区域之间差距较为明显。',
  '当前{t}面临资金投入不足、专业人才短缺、配套设施滞后等困难。',
  '企业和群众对{t}反映较多，集中在办事流程繁琐、标准不统一等方面。',
];
const ANALYSIS = [
  '究其原因，一是统筹协调机制不健全，二是政策衔接不够紧密，三是考核激励不到位。',
  '相关政策分散在多个部门，落实中存在衔接不畅、信息不对称的情况。',
  '财政投入渠道单一，社会资本参与意愿不强，可持续发展能力不足。',
  '基层工作力量薄弱，数字化手段应用不充分，数据共享程度不高。',
  '标准体系尚不完善，监管方式较为传统，事中事后监管存在薄弱环节。',
  '宣传引导不够，群众参与度不高，典型经验总结推广不及时。',
];
const SUGGESTIONS = [
  '建议由牵头部门统筹，建立清单化推进机制，定期向社会公布进展。',
  '建议加大财政支持力度，设立专项资金，引导社会资本有序参与。',
  '建议完善考核评价办法，将{t}纳入年度目标责任考核。',
  '建议搭建统一的信息平台，推动部门数据共享和业务协同。',
  '建议加强专业人才队伍建设，完善培养、引进和激励机制。',
  '建议总结推广典型经验，选择部分市县先行先试，形成可复制的做法。',
  '建议修订完善地方性法规和标准，明确各方责任。',
];
const TITLE_FORMS = ['关于加强{t}的建议', '关于推进{t}的建议', '关于完善{t}工作的建议', '关于{t}的几点建议'];

export const APPEAL_TEXTS = [
  '企业新建厂房申请用电报装已两个月，影响投产。',
  '企业反映项目审批环节多、时限长，希望协调加快办理。',
  '企业咨询高新技术企业认定和研发费用加计扣除政策。',
  '企业账款被拖欠，资金周转困难，请求协调解决。',
  '企业用工紧张，希望协调职业院校开展订单式培养。',
  '企业反映园区道路和排水设施不完善，影响正常生产。',
];
export const APPEAL_TITLES = [
  '企业用电报装周期长',
  '项目审批时限长',
  '高企认定政策咨询',
  '应收账款拖欠',
  '技能人才招用难',
  '园区配套设施不完善',
];
export const GRASSROOTS_TEXTS = [
  '辖区街道统战委员多为兼职，难以承担新形势下的工作任务。',
  '统战工作经费不足，基层活动阵地建设缺少资金支持。',
  '涉及多个部门的民营企业诉求，县级协调难度较大，请求上级协调。',
  '新的社会阶层人士服务管理缺少专门力量，请求给予指导支持。',
];
export const GRASSROOTS_TITLES = [
  '关于充实统战工作力量的请示',
  '关于解决统战工作经费的请示',
  '关于协调解决企业诉求的请示',
  '关于加强新阶层人士工作的请示',
];
export const ANSWER_LETTERS = [
  '感谢贵单位的建议。我单位已会同有关部门研究制定工作方案，列入明年重点工作。',
  '经研究，所提问题已纳入专项整治，相关措施正在落实，将及时反馈进展。',
  '来件收悉。已协调有关单位现场办理，问题已解决。',
  '所提建议具有较强参考价值，我们将在修订相关政策时认真研究吸收。',
];

const fill = (template: string, topic: string) => template.replaceAll('{t}', topic);

/** A proposal's title and three parts, made of 1–3 sentences each from the pools, about one topic. */
export function proposalText(rnd: () => number, topic: string) {
  const some = (pool: readonly string[], n: number) =>
    Array.from({ length: n }, () => fill(pool[Math.floor(rnd() * pool.length)]!, topic)).join('');
  return {
    title: fill(TITLE_FORMS[Math.floor(rnd() * TITLE_FORMS.length)]!, topic),
    situation: some(SITUATION, 1 + Math.floor(rnd() * 3)),
    analysis: some(ANALYSIS, 1 + Math.floor(rnd() * 3)),
    suggestions: some(SUGGESTIONS, 2 + Math.floor(rnd() * 3)),
  };
}
