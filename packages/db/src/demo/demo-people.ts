import { residentIdCheckChar, type Gender } from '@patron/domain/validation/resident-id';
import { usccCheckChar } from '@patron/domain/validation/uscc';
import { pinyinKeys, type PinyinKeys } from '@patron/domain/search/search-keys';
import { daysInMonth, formatIsoDate, type CalendarDate } from '@patron/domain/validation/dates';
import type { DemoCity, DemoDistrict } from './demo-catalog';
import { DEMO_LATEST_CUSTOMER_ACTIVATION, DEMO_PROVINCE } from './demo-catalog';
import type { SeededRandom } from './seeded-random';

/**
 * Realistic-looking people, companies, numbers and addresses for the demo data set. Every value is
 * invented; identifiers are well-formed (valid check characters, real mobile prefixes) so that
 * validators and masking behave as they would on production data.
 */

// Surnames with their approximate share of the population (per mille), the most common first.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 21], ['赵', 20], ['吴', 19],
  ['周', 19], ['徐', 15], ['孙', 14], ['马', 13], ['朱', 13], ['胡', 12], ['郭', 11], ['何', 11], ['高', 10],
  ['林', 10], ['罗', 9], ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 6], ['冯', 6],
  ['邓', 6], ['曹', 6], ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4],
  ['蒋', 4], ['蔡', 4], ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3],
  ['任', 3], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 2], ['钟', 2], ['谭', 2], ['陆', 2], ['汪', 2],
  ['范', 2], ['金', 2], ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['付', 2], ['方', 2], ['白', 2],
  ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2],
  ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2], ['陶', 1], ['黎', 1], ['贺', 1], ['顾', 1], ['毛', 1], ['郝', 1],
  ['龚', 1], ['邵', 1], ['万', 1], ['钱', 1], ['严', 1], ['覃', 1], ['武', 1], ['戴', 1], ['莫', 1], ['孔', 1],
  ['向', 1], ['汤', 1], ['单', 0.5], ['仇', 0.3], ['欧阳', 0.3], ['司马', 0.1], ['上官', 0.1], ['诸葛', 0.1],
];

const MALE_CHARS = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文成东海峰德晨博昊然轩泽子豪瑞翔振兴家庆彬亮'];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞燕玲婷雪慧红梅琳颖倩洁丹萍琴莉蓉晶欣怡佳悦雅思雨萱诗梦彤晓秀兰凤桂英薇岚'];

export interface PersonName {
  readonly surname: string;
  readonly given: string;
}

export function drawPersonName(random: SeededRandom, gender: Gender): PersonName {
  const surname = random.weighted(SURNAMES);
  const pool = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const first = random.pick(pool);
  // About three in ten given names have one character; a few double it (婷婷, 磊磊).
  if (random.chance(0.3)) return { surname, given: first };
  if (random.chance(0.04)) return { surname, given: first + first };
  let second = random.pick(pool);
  while (second === first) second = random.pick(pool);
  return { surname, given: first + second };
}

export function personName(random: SeededRandom, gender: Gender): string {
  const { surname, given } = drawPersonName(random, gender);
  return surname + given;
}

// China Mobile number blocks: the demo operator's own customers.
const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '178', '182', '183', '184', '187', '188', '195', '197', '198'];

/** A China Mobile number not yet in `taken` (which it joins). */
export function mobileNumber(random: SeededRandom, taken: Set<string>): string {
  for (;;) {
    const phone = random.pick(MOBILE_PREFIXES) + random.digits(8);
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

// Region codes of people born outside the demo province (provincial capitals' central districts).
const OTHER_REGIONS = ['430102', '420106', '510104', '440106', '350102', '330106', '320102', '410105', '130102', '370102', '360102', '450102'];

export interface ResidentIdentity {
  readonly idNumber: string;
  readonly birthDate: CalendarDate;
}

/** A resident ID with the GB 11643 check character, unique within `taken`. */
export function residentIdentity(
  random: SeededRandom,
  localRegion: string,
  gender: Gender,
  birthYears: readonly [number, number],
  taken: Set<string>,
): ResidentIdentity {
  for (;;) {
    const region = random.chance(0.85) ? localRegion : random.pick(OTHER_REGIONS);
    const year = random.int(birthYears[0], birthYears[1]);
    const month = random.int(1, 12);
    const day = random.int(1, daysInMonth(year, month));
    const birthDate = { year, month, day };
    // The 17th digit carries the gender: odd for men, even for women.
    const genderDigit = random.int(0, 4) * 2 + (gender === 'male' ? 1 : 0);
    const first17 = `${region}${formatIsoDate(birthDate).replaceAll('-', '')}${random.digits(2)}${genderDigit}`;
    const idNumber = first17 + residentIdCheckChar(first17);
    if (!taken.has(idNumber)) {
      taken.add(idNumber);
      return { idNumber, birthDate };
    }
  }
}

const STREETS = '人民路 解放路 中山路 建设路 新华路 和平路 文化路 朝阳路 滨江路 青年路 工业大道 学府路 花园路 迎宾大道 胜利街 东风路 长江路 光明路 幸福路 五一路 健康路 体育路 南湖路 江北大道 府前街 湖滨路 望江路 振兴路 兴业大道 环城东路 环城西路'.split(' ');
const COMMUNITIES = '阳光花园 翠湖苑 锦绣华庭 江景豪庭 金色家园 幸福里 书香名苑 御景湾 世纪新城 碧水蓝天 春天花园 丽景名都 东湖小区 电力新村 教师公寓 桂花园 紫荆苑 滨江一号'.split(' ');
const TOWERS = '国贸大厦 财富中心 金融大厦 科技园A座 科技园B座 创业大厦 商务中心 时代广场 万象大厦 建设大厦'.split(' ');
const TOWNS = ['城关镇', '石桥镇', '新安镇', '白沙镇', '河口镇'];

function place(city: DemoCity, district: DemoDistrict, random: SeededRandom): string {
  const town = district.place.endsWith('县') ? random.pick(TOWNS) : '';
  return `${DEMO_PROVINCE.place}${city.place}${district.place}${town}${random.pick(STREETS)}${random.int(1, 399)}号`;
}

export function homeAddress(random: SeededRandom, city: DemoCity, district: DemoDistrict): string {
  if (random.chance(0.25)) return place(city, district, random);
  const room = `${random.int(1, 28)}${String(random.int(1, 4)).padStart(2, '0')}`;
  return `${place(city, district, random)}${random.pick(COMMUNITIES)}${random.int(1, 24)}栋${random.int(1, 4)}单元${room}室`;
}

export function officeAddress(random: SeededRandom, city: DemoCity, district: DemoDistrict): string {
  if (random.chance(0.5)) return place(city, district, random);
  return `${place(city, district, random)}${random.pick(TOWERS)}${random.int(2, 32)}楼`;
}

const BRANDS = '华信 恒达 锦程 鑫源 宏图 瑞丰 天成 盛世 永兴 嘉禾 德润 金诚 汇通 博远 新锐 同创 卓越 联发 中天 正泰 东方 南山 江南 北辰 合众 安泰 康宁 百川 九洲 长盛 明辉 兴隆 华宇 宏远 海纳 凯瑞 星河 天润 盛达 鸿运 和信 立信 远航 创新 福源 祥和'.split(' ');
const INDUSTRIES = '科技 信息技术 网络科技 电子 建设工程 建筑安装工程 物流 医药 食品 纺织 机械制造 房地产开发 商贸 文化传媒 环保科技 新材料 汽车销售服务 餐饮管理 酒店管理 农业发展 化工 家具 服饰 印务 广告 投资 电力设备 水泥 运输 教育咨询'.split(' ');
const COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
  ['有限公司', 70],
  ['股份有限公司', 15],
  ['集团有限公司', 15],
];

// Public bodies and branches of national companies, in the forms they appear on contracts. The
// operator's own name (中国移动) is never a customer; its two competitors are left out as well.
function institutions(city: DemoCity, district: DemoDistrict): string[] {
  const c = city.short;
  const d = district.place;
  const p = DEMO_PROVINCE.short;
  return [
    `中国建设银行股份有限公司${c}分行`,
    `中国工商银行股份有限公司${c}分行`,
    `中国农业银行股份有限公司${c}分行`,
    `中国银行股份有限公司${c}分行`,
    `交通银行股份有限公司${c}分行`,
    `${c}农村商业银行股份有限公司`,
    `中国人民财产保险股份有限公司${c}市分公司`,
    `中国平安人寿保险股份有限公司${c}中心支公司`,
    `国网${p}省电力有限公司${c}供电公司`,
    `中国石化销售股份有限公司${p}${c}石油分公司`,
    `中国邮政集团有限公司${c}市分公司`,
    `${city.place}第一人民医院`,
    `${city.place}中医院`,
    `${city.place}妇幼保健院`,
    `${city.place}实验中学`,
    `${c}职业技术学院`,
    `${city.place}公共交通集团有限公司`,
    `${city.place}水务集团有限公司`,
    `${city.place}城市建设投资集团有限公司`,
    `${c}日报社`,
    `${city.place}住房公积金管理中心`,
    `${d}人民医院`,
    `${d}第一中学`,
    `${d}人民政府办公室`,
    `${d}税务局`,
  ];
}

/** A group customer's registered name, unique within `taken`. */
export function companyName(random: SeededRandom, city: DemoCity, district: DemoDistrict, taken: Set<string>): string {
  const bodies = institutions(city, district).filter((name) => !taken.has(name));
  for (let attempt = 0; ; attempt += 1) {
    let name: string;
    if (bodies.length > 0 && random.chance(0.15)) {
      name = random.pick(bodies);
    } else {
      const prefix = random.weighted<string>([
        [city.short, 6],
        [city.place, 2],
        [DEMO_PROVINCE.short, 1],
      ]);
      name = `${prefix}${random.pick(BRANDS)}${random.pick(INDUSTRIES)}${random.weighted(COMPANY_SUFFIXES)}`;
    }
    if (!taken.has(name) && !name.includes('中国移动')) {
      taken.add(name);
      return name;
    }
    if (attempt > 1000) throw new Error('demo company names exhausted');
  }
}

/** Another operator's mobile number (prospects and ex-customers who took their number along). */
const COMPETITOR_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  中国电信: ['133', '153', '173', '177', '180', '181', '189', '199'],
  中国联通: ['130', '131', '132', '155', '156', '166', '175', '176', '185', '186'],
  中国广电: ['192'],
};

export function competitorMobileNumber(random: SeededRandom, competitor: string, taken: Set<string>): string {
  const prefixes = COMPETITOR_PREFIXES[competitor] ?? COMPETITOR_PREFIXES['中国电信']!;
  for (;;) {
    const phone = random.pick(prefixes) + random.digits(8);
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** 'AREA-8xxxxxxx' (or 6xxxxxxx): an eight-digit fixed line, unique within `taken`. */
export function fixedNumber(random: SeededRandom, areaCode: string, taken: Set<string>): string {
  for (;;) {
    const number = `${areaCode}-${random.pick(['8', '8', '6'])}${random.digits(7)}`;
    if (!taken.has(number)) {
      taken.add(number);
      return number;
    }
  }
}

/** A unique identifier made of a fixed prefix and random digits (broadband accounts, IoT cards, circuits). */
export function serialNumber(random: SeededRandom, prefix: string, digits: number, taken: Set<string>): string {
  for (;;) {
    const number = prefix + random.digits(digits);
    if (!taken.has(number)) {
      taken.add(number);
      return number;
    }
  }
}

/** GB 11714 organisation-code check character for its eight-character body. */
function organisationCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(body[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A unified social credit code (GB 32100): registration authority and type ('91' enterprise, '11'
 * government body, '12' public institution), the region, an organisation code with its GB 11714
 * check, and the GB 32100 check character. Unique within `taken`.
 */
export function usccFor(random: SeededRandom, authority: '91' | '11' | '12', region: string, taken: Set<string>): string {
  for (;;) {
    const body = random.digits(8);
    const first17 = `${authority}${region}${body}${organisationCodeCheck(body)}`;
    const code = first17 + usccCheckChar(first17);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

/** A company someone works for; unlike companyName it may repeat. */
export function employerName(random: SeededRandom, city: DemoCity): string {
  return `${city.short}${random.pick(BRANDS)}${random.pick(INDUSTRIES)}${random.weighted(COMPANY_SUFFIXES)}`;
}

/**
 * Activation between 2005 and DEMO_LATEST_CUSTOMER_ACTIVATION, not before the holder turned 18;
 * VIPs skew older. Always three draws, whatever the bounds, so later draws do not shift.
 */
export function activationDate(
  random: SeededRandom,
  vip: boolean,
  birthYear: number | null,
  latest: CalendarDate = DEMO_LATEST_CUSTOMER_ACTIVATION,
): string {
  const from = Math.min(latest.year, Math.max(2005, (birthYear ?? 0) + 18));
  const span = latest.year - from;
  const skew = vip ? random.next() ** 1.6 : random.next();
  const year = from + Math.min(span, Math.floor(skew * (span + 1)));
  const lastMonth = year === latest.year ? latest.month : 12;
  const month = random.int(1, lastMonth);
  const lastDay = year === latest.year && month === latest.month ? latest.day : daysInMonth(year, month);
  return formatIsoDate({ year, month, day: random.int(1, lastDay) });
}

/** What must stay unique across the whole data set, and the pinyin caches. */
export interface Registries {
  readonly phones: Set<string>;
  readonly idNumbers: Set<string>;
  readonly companies: Set<string>;
  readonly surnameKeys: Map<string, PinyinKeys>;
  readonly givenNameKeys: Map<string, PinyinKeys>;
}

function cached(cache: Map<string, PinyinKeys>, key: string, compute: () => PinyinKeys): PinyinKeys {
  let keys = cache.get(key);
  if (!keys) {
    keys = compute();
    cache.set(key, keys);
  }
  return keys;
}

/**
 * pinyin-pro needs tens of microseconds a name, most of the plan's time. Surnames and given names
 * recur far more than whole names, so they are read once each and joined; for the generated names
 * this equals `pinyinKeys(name, { personName: true })` (checked in demo-plan.test.ts).
 */
export function personKeys(registries: Registries, name: PersonName): PinyinKeys {
  const surname = cached(registries.surnameKeys, name.surname, () => pinyinKeys(name.surname, { personName: true }));
  const given = cached(registries.givenNameKeys, name.given, () => pinyinKeys(name.given));
  return { full: surname.full + given.full, initials: surname.initials + given.initials };
}
