import { Prng } from './prng';

const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['高', 'Gao'],
];
const GIVEN_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'Wei'],
  ['芳', 'Fang'],
  ['娜', 'Na'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['丽', 'Li'],
  ['强', 'Qiang'],
  ['磊', 'Lei'],
  ['军', 'Jun'],
  ['洋', 'Yang'],
  ['勇', 'Yong'],
  ['艳', 'Yan'],
  ['杰', 'Jie'],
  ['娟', 'Juan'],
  ['涛', 'Tao'],
  ['明', 'Ming'],
  ['超', 'Chao'],
  ['秀英', 'Xiuying'],
  ['晓东', 'Xiaodong'],
  ['子涵', 'Zihan'],
];
const FIRST_NAMES = [
  'Alice',
  'Bob',
  'Carol',
  'David',
  'Emma',
  'Frank',
  'Grace',
  'Henry',
  'Irene',
  'Jack',
  'Kate',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Paul',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Martin',
  'Tanaka',
  'Kim',
  'Nguyen',
  'Silva',
  'Rossi',
];
const DEPARTMENT_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['研发', 'Engineering'],
  ['产品', 'Product'],
  ['销售', 'Sales'],
  ['市场', 'Marketing'],
  ['财务', 'Finance'],
  ['人力资源', 'People'],
  ['法务', 'Legal'],
  ['运营', 'Operations'],
  ['客户成功', 'Customer Success'],
  ['安全', 'Security'],
  ['平台', 'Platform'],
  ['数据', 'Data'],
  ['设计', 'Design'],
  ['支持', 'Support'],
  ['基础架构', 'Infrastructure'],
  ['采购', 'Procurement'],
];
export const JOB_TITLES = [
  'Engineer',
  'Senior Engineer',
  'Staff Engineer',
  'Product Manager',
  'Designer',
  'Sales Manager',
  'Account Executive',
  'Analyst',
  'Recruiter',
  'Accountant',
  'Team Lead',
  'Director',
  'Support Specialist',
];
export const CITIES = [
  'Beijing',
  'Shanghai',
  'Shenzhen',
  'Hangzhou',
  'Singapore',
  'Tokyo',
  'London',
  'San Francisco',
];

export interface PersonName {
  name: string;
  enName: string;
  emailLocal: string;
}

export function generatePersonName(prng: Prng): PersonName {
  if (prng.chance(0.7)) {
    const [surname, surnameLatin] = prng.pick(SURNAMES);
    const [given, givenLatin] = prng.pick(GIVEN_NAMES);
    return {
      name: surname + given,
      enName: `${givenLatin} ${surnameLatin}`,
      emailLocal: `${givenLatin}.${surnameLatin}`.toLowerCase(),
    };
  }
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  return {
    name: `${first} ${last}`,
    enName: `${first} ${last}`,
    emailLocal: `${first}.${last}`.toLowerCase(),
  };
}

export function generateDepartmentName(prng: Prng, index: number): { name: string; enName: string } {
  const [word, wordEn] = prng.pick(DEPARTMENT_WORDS);
  return { name: `${word}${index}部`, enName: `${wordEn} ${index}` };
}
