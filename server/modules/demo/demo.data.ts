// The demo workspace: Shandong province (GB/T 2260 code 370000), its 16 cities, and the counties of
// Jinan. Codes are the official ones; 莱芜 (371200) merged into Jinan in 2019 and is absent.
export const PROVINCE = { code: '370000', name: '山东省' };

export const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['370100', '济南市'],
  ['370200', '青岛市'],
  ['370300', '淄博市'],
  ['370400', '枣庄市'],
  ['370500', '东营市'],
  ['370600', '烟台市'],
  ['370700', '潍坊市'],
  ['370800', '济宁市'],
  ['370900', '泰安市'],
  ['371000', '威海市'],
  ['371100', '日照市'],
  ['371300', '临沂市'],
  ['371400', '德州市'],
  ['371500', '聊城市'],
  ['371600', '滨州市'],
  ['371700', '菏泽市'],
];

export const JINAN_COUNTIES: ReadonlyArray<readonly [string, string]> = [
  ['370102', '历下区'],
  ['370103', '市中区'],
  ['370104', '槐荫区'],
  ['370105', '天桥区'],
  ['370112', '历城区'],
  ['370113', '长清区'],
  ['370114', '章丘区'],
  ['370115', '济阳区'],
  ['370116', '莱芜区'],
  ['370117', '钢城区'],
  ['370124', '平阴县'],
  ['370126', '商河县'],
];

// 处室 of the provincial 统战部.
export const PROVINCIAL_OFFICES = [
  '办公室',
  '研究室',
  '党派工作处',
  '党外知识分子工作处',
  '民族宗教处',
  '经济处',
  '港澳台海外联络处',
  '干部处',
];

export const CITY_OFFICES = ['办公室', '党派科', '经济科'];

// 统战工作领导小组成员单位 and government departments at province level.
export const MEMBER_UNITS: ReadonlyArray<readonly [string, 'member_unit' | 'government']> = [
  ['中共山东省委办公厅', 'member_unit'],
  ['中共山东省委组织部', 'member_unit'],
  ['中共山东省委宣传部', 'member_unit'],
  ['中共山东省委政法委员会', 'member_unit'],
  ['山东省人民政府办公厅', 'government'],
  ['山东省发展和改革委员会', 'government'],
  ['山东省教育厅', 'government'],
  ['山东省科学技术厅', 'government'],
  ['山东省工业和信息化厅', 'government'],
  ['山东省民族宗教事务委员会', 'government'],
  ['山东省农业农村厅', 'government'],
  ['山东省商务厅', 'government'],
  ['山东省人民政府外事办公室', 'government'],
];

// 简称 the example plans and clerks' spreadsheets use for these units (units.aliases).
export const UNIT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  中共山东省委组织部: ['省委组织部'],
  中共山东省委宣传部: ['省委宣传部'],
  中共山东省委政法委员会: ['省委政法委'],
  山东省发展和改革委员会: ['省发展改革委', '省发改委'],
  山东省工业和信息化厅: ['省工业和信息化厅', '省工信厅'],
  山东省民族宗教事务委员会: ['省民族宗教委'],
  山东省工商业联合会: ['省工商联'],
};

export const PARTY_COMMITTEES: ReadonlyArray<readonly [string, 'party' | 'federation']> = [
  ['民革山东省委会', 'party'],
  ['民盟山东省委会', 'party'],
  ['民建山东省委会', 'party'],
  ['民进山东省委会', 'party'],
  ['农工党山东省委会', 'party'],
  ['致公党山东省委会', 'party'],
  ['九三学社山东省委会', 'party'],
  ['台盟山东省委会', 'party'],
  ['山东省工商业联合会', 'federation'],
];
