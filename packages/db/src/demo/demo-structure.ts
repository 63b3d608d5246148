import { pinyinKeys } from '@patron/domain/search/search-keys';
import type { Gender } from '@patron/domain/validation/resident-id';
import {
  DEMO_CITIES,
  DEMO_COMPETITORS,
  DEMO_RETAINED,
  DEMO_SECOND_CITY_MANAGERS,
  DEMO_SHOWCASE_LINES,
  type DemoCity,
  type DemoDistrict,
  type DemoGrade,
} from './demo-catalog';
import { AS_OF_DAY, billMonth, moment } from './demo-dates';
import {
  activationDate,
  companyName,
  competitorMobileNumber,
  drawPersonName,
  homeAddress,
  mobileNumber,
  officeAddress,
  personKeys,
  residentIdentity,
  usccFor,
  type Registries,
} from './demo-people';
import type { CoreCustomer, PlannedAssistingManager, RetainedReason } from './demo-plan';
import { derivedRandom, type SeededRandom } from './seeded-random';

/**
 * The shape of the customer base beyond the key accounts: the member units (分支机构) of groups,
 * some of them in the second city with a local assisting manager, the retained archive, and the
 * group archive's registration data (USCC, industry, class, staff, relationship stage).
 */

export interface GroupProfile {
  readonly uscc: string;
  readonly industry: string;
  readonly groupClass: 'A' | 'B' | 'C' | null;
  readonly staffCount: number;
  readonly relationshipStage: 'gestation' | 'initial' | 'middle' | 'strategic' | null;
}

export type CustomerRole =
  | { readonly kind: 'key_account' }
  | { readonly kind: 'member_unit'; readonly parent: number }
  | {
      readonly kind: 'retained';
      readonly reason: RetainedReason;
      /** Last billed month (index), or null for a prospect who was never ours. */
      readonly lastBillMonth: number | null;
      readonly formerGrade: DemoGrade | null;
    };

export interface DemoStructure {
  /** Key accounts, then member units, then retained records; indexes are stable from here on. */
  readonly customers: readonly CoreCustomer[];
  readonly roles: readonly CustomerRole[];
  readonly cities: readonly DemoCity[];
  readonly districts: readonly DemoDistrict[];
  /** Registration data of every group customer, by customer number. */
  readonly groups: ReadonlyMap<string, GroupProfile>;
  readonly assistingManagers: readonly PlannedAssistingManager[];
  readonly showcaseCustomerNo: string;
}

const DISTRICTS = new Map(DEMO_CITIES.flatMap((city) => city.districts.map((district) => [district.code, { city, district }] as const)));

export function placeOf(orgUnit: string): { city: DemoCity; district: DemoDistrict } {
  const found = DISTRICTS.get(orgUnit);
  if (!found) throw new Error(`demo plan: ${orgUnit} is not a district`);
  return found;
}

const GRADE_RANK: { readonly [G in DemoGrade | 'none']: number } = { diamond: 0, gold: 1, silver: 2, guest: 3, none: 4 };

/** The industry a group's registered name points to; the generated names carry their trade. */
export function industryOf(name: string): string {
  const rules: readonly (readonly [RegExp, string])[] = [
    [/人民政府|税务局|公积金/, '政府机关'],
    [/银行|保险|投资/, '金融'],
    [/医院|保健院|医药/, '医疗'],
    [/中学|学院|学校|教育/, '教育'],
    [/电力|石油|石化|水务|环保/, '能源'],
    [/公共交通|邮政|物流|运输/, '交通物流'],
    [/科技|信息技术|网络/, '互联网'],
    [/建设|建筑|房地产|城市建设/, '建筑地产'],
    [/日报|传媒|广告|印务/, '文化传媒'],
    [/商贸|汽车销售|餐饮|酒店/, '商贸服务'],
    [/农业/, '农业'],
  ];
  return rules.find(([pattern]) => pattern.test(name))?.[1] ?? '制造业';
}

/** Registration authority and type of a group (GB 32100 positions 1–2). */
function authorityOf(industry: string, name: string): '91' | '11' | '12' {
  if (industry === '政府机关') return '11';
  if (/医院|保健院|中学|学院|日报社|管理中心/.test(name)) return '12';
  return '91';
}

function groupClassFor(random: SeededRandom, grade: DemoGrade | 'none'): 'A' | 'B' | 'C' {
  switch (grade) {
    case 'diamond':
      return 'A';
    case 'gold':
      return random.chance(0.6) ? 'A' : 'B';
    case 'silver':
      return random.weighted([['A', 10], ['B', 65], ['C', 25]]);
    default:
      return random.chance(0.8) ? 'C' : 'B';
  }
}

const STAFF_RANGES = { A: [300, 5000], B: [80, 600], C: [8, 150] } as const;

/** Log-uniform, so small organisations are as common as in life. */
function staffFor(random: SeededRandom, [low, high]: readonly [number, number]): number {
  return Math.round(low * (high / low) ** random.next());
}

function stageFor(random: SeededRandom, groupClass: 'A' | 'B' | 'C'): 'gestation' | 'initial' | 'middle' | 'strategic' {
  // The deck rated its own group service at the initial/middle stage (DOMAIN §2.1).
  switch (groupClass) {
    case 'A':
      return random.weighted([['strategic', 30], ['middle', 50], ['initial', 20]]);
    case 'B':
      return random.weighted([['strategic', 5], ['middle', 40], ['initial', 45], ['gestation', 10]]);
    case 'C':
      return random.weighted([['middle', 20], ['initial', 50], ['gestation', 30]]);
  }
}

/** What a branch is called after its parent: banks open 支行, hospitals 分院, schools 校区. */
function unitName(parent: string, label: string, taken: Set<string>): string {
  let suffix = '分公司';
  if (/分行$/.test(parent)) suffix = '支行';
  else if (/医院$|保健院$/.test(parent)) suffix = '分院';
  else if (/中学$|学院$/.test(parent)) suffix = '校区';
  else if (/人民政府办公室$|税务局$|管理中心$/.test(parent)) suffix = '办事处';
  else if (/分公司$|支公司$|供电公司$/.test(parent)) suffix = '营业部';
  for (const candidate of [suffix, '营业部', '办事处', '服务中心', '第二营业部', '第三营业部', '第二办事处']) {
    const name = `${parent}${label}${candidate}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new Error(`demo plan: no free branch name for ${parent} in ${label}`);
}

/** '城东区' → '城东', '临江县' → '临江'. */
const placeLabel = (place: string) => place.replace(/[区县市]$/, '');

/** Customer numbers after a city's last key account, climbing in the same small random steps. */
function numberer(random: SeededRandom, customers: readonly CoreCustomer[]) {
  const next = new Map<string, number>();
  for (const city of DEMO_CITIES) {
    const prefix = `C${city.customerNoPrefix}`;
    const serials = customers.filter((c) => c.customerNo.startsWith(prefix)).map((c) => Number(c.customerNo.slice(prefix.length)));
    next.set(city.code, serials.reduce((max, serial) => Math.max(max, serial), 0));
  }
  return (city: DemoCity) => {
    const serial = next.get(city.code)! + random.int(1, 9);
    next.set(city.code, serial);
    return `C${city.customerNoPrefix}${String(serial).padStart(6, '0')}`;
  };
}

const UNIT_SHARE: { readonly [G in DemoGrade]: number } = { diamond: 0.8, gold: 0.7, silver: 0.45, guest: 0.12 };
/** DEMO-02 districts with an account manager there to assist on cross-region member units. */
const ASSISTING_DISTRICTS = DEMO_SECOND_CITY_MANAGERS.map((manager) => ({ ...manager, place: placeOf(manager.district) }));

function chooseShowcase(keyAccounts: readonly CoreCustomer[]): CoreCustomer {
  // The city's top group: highest grade first, then one in the `account_manager` login's own book
  // (so the demo login can open it), then the lowest customer number.
  const candidates = keyAccounts.filter((c) => c.kind === 'group' && c.orgUnit.startsWith('DEMO-01-'));
  const key = (c: CoreCustomer) => [GRADE_RANK[c.grade], c.accountManager === 'account_manager' ? 0 : 1, c.customerNo] as const;
  const sorted = [...candidates].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
  const showcase = sorted[0];
  if (!showcase) throw new Error('demo plan: DEMO-01 has no group customer for the 200-line showcase');
  return showcase;
}

interface Builder {
  readonly random: SeededRandom;
  readonly registries: Registries;
  readonly customers: CoreCustomer[];
  readonly roles: CustomerRole[];
  readonly groups: Map<string, GroupProfile>;
  readonly usccs: Set<string>;
  readonly number: (city: DemoCity) => string;
}

function addGroupProfile(b: Builder, customer: CoreCustomer, options: { groupClass: 'A' | 'B' | 'C' | null; staff?: number; stage?: GroupProfile['relationshipStage'] }) {
  const { district } = placeOf(customer.orgUnit);
  const industry = industryOf(customer.name);
  const uscc = usccFor(b.random, authorityOf(industry, customer.name), district.idRegion, b.usccs);
  const staffCount = options.staff ?? staffFor(b.random, STAFF_RANGES[options.groupClass ?? 'C']);
  const relationshipStage = options.stage !== undefined ? options.stage : options.groupClass ? stageFor(b.random, options.groupClass) : null;
  b.groups.set(customer.customerNo, { uscc, industry, groupClass: options.groupClass, staffCount, relationshipStage });
}

function planMemberUnits(b: Builder, showcaseNo: string, managers: PlannedAssistingManager[]) {
  const parents = b.customers.map((customer, index) => ({ customer, index })).filter(({ customer }) => customer.kind === 'group');
  for (const { customer: parent, index: parentIndex } of parents) {
    const grade = parent.grade as DemoGrade;
    const showcase = parent.customerNo === showcaseNo;
    if (!showcase && !b.random.chance(UNIT_SHARE[grade])) continue;
    const count = showcase ? 4 : b.random.weighted([[1, 45], [2, 30], [3, 15], [4, 10]]);
    const home = placeOf(parent.orgUnit);
    const assisted = new Set<string>();
    for (let i = 0; i < count; i += 1) {
      // A third of DEMO-01 groups' branches sit in DEMO-02: the group becomes cross-region, its lead
      // stays with the home AM and the local AM assists (协办).
      const remote = home.city.code === 'DEMO-01' && (showcase ? i === count - 1 : b.random.chance(0.3));
      const assisting = remote ? b.random.pick(ASSISTING_DISTRICTS) : null;
      const { city, district } = assisting ? assisting.place : home;
      const label = assisting ? city.short : placeLabel(district.place);
      const name = unitName(parent.name, label, b.registries.companies);
      const keys = pinyinKeys(name);
      const since = activationDate(b.random, false, null);
      const unit: CoreCustomer = {
        customerNo: b.number(city),
        kind: 'group',
        name,
        namePinyin: keys.full,
        nameInitials: keys.initials,
        grade: 'none',
        star: null,
        phone: mobileNumber(b.random, b.registries.phones),
        idNumber: null,
        address: officeAddress(b.random, city, district),
        orgUnit: district.code,
        accountManager: parent.accountManager,
        phoneManager: null,
        activatedOn: parent.activatedOn && parent.activatedOn > since ? parent.activatedOn : since,
        parentCustomerNo: parent.customerNo,
        archive: 'in_network',
        retainedReason: null,
        retainedCompetitor: null,
        retainedNote: null,
        retainedAt: null,
      };
      b.customers.push(unit);
      b.roles.push({ kind: 'member_unit', parent: parentIndex });
      addGroupProfile(b, unit, { groupClass: null, staff: staffFor(b.random, [10, 300]), stage: null });
      if (assisting) {
        managers.push({ customerNo: unit.customerNo, username: assisting.username, since: unit.activatedOn! });
        if (!assisted.has(assisting.username)) {
          assisted.add(assisting.username);
          managers.push({ customerNo: parent.customerNo, username: assisting.username, since: unit.activatedOn! });
        }
      }
    }
  }
}

const FORMER_GRADE_LABEL: { readonly [G in DemoGrade]: string } = { diamond: '钻石卡', gold: '金卡', silver: '银卡', guest: '贵宾卡' };
const PROVINCES_AWAY = ['广东省深圳市', '浙江省杭州市', '上海市', '江苏省苏州市', '北京市', '湖南省长沙市'];

function retainedRecord(b: Builder, city: DemoCity, reason: RetainedReason, anchors: readonly CoreCustomer[]) {
  const random = b.random;
  // Served by the AM of a key account nearby: the AM who lost (or courts) the customer wins it back.
  const anchor = random.pick(anchors);
  const { district } = placeOf(anchor.orgUnit);
  const group =
    reason === 'closed' ? true : reason === 'moved_away' ? false : random.chance(reason === 'demoted' ? 0.15 : reason === 'churned' ? 0.3 : 0.5);
  const ownNetwork = reason !== 'potential' || random.chance(0.5);
  const competitor = reason === 'churned' || !ownNetwork ? random.weighted([[DEMO_COMPETITORS[0], 45], [DEMO_COMPETITORS[1], 45], [DEMO_COMPETITORS[2], 10]]) : null;

  let identity: { name: string; pinyin: string; initials: string; idNumber: string | null; birthYear: number | null; address: string };
  if (group) {
    const name = companyName(random, city, district, b.registries.companies);
    const keys = pinyinKeys(name);
    identity = { name, pinyin: keys.full, initials: keys.initials, idNumber: null, birthYear: null, address: officeAddress(random, city, district) };
  } else {
    const gender: Gender = random.chance(0.52) ? 'male' : 'female';
    const person = residentIdentity(random, district.idRegion, gender, [1958, 1998], b.registries.idNumbers);
    const parts = drawPersonName(random, gender);
    const keys = personKeys(b.registries, parts);
    identity = {
      name: parts.surname + parts.given,
      pinyin: keys.full,
      initials: keys.initials,
      idNumber: person.idNumber,
      birthYear: person.birthDate.year,
      address: homeAddress(random, city, district),
    };
  }

  // When the record entered the retained archive, and the last month we billed the customer.
  let retainedDay: number;
  let lastBillMonth: number | null = 23;
  let formerGrade: DemoGrade | null = null;
  let note: string;
  switch (reason) {
    case 'demoted':
      formerGrade = random.chance(0.8) ? 'guest' : 'silver';
      retainedDay = billMonth(15).firstDay + random.int(0, 2);
      note = `2026年度复评：近12个月月均消费低于${FORMER_GRADE_LABEL[formerGrade]}门槛，降为普通客户，保留档案待提升`;
      break;
    case 'potential':
      retainedDay = AS_OF_DAY - random.int(5, 180);
      lastBillMonth = ownNetwork ? 23 : null;
      note = ownNetwork
        ? '近3个月月均消费达贵宾门槛的80%以上，待客户经理确认、区县审批后升为大客户'
        : `${competitor}${group ? '政企' : '高价值'}客户，${group ? '专线及固话' : '宽带融合'}合约${random.pick(['2027年3月', '2027年6月', '2026年12月', '2027年9月'])}到期，可争取`;
      break;
    default: {
      lastBillMonth = random.int(4, 22);
      retainedDay = billMonth(lastBillMonth).firstDay + random.int(3, billMonth(lastBillMonth).days - 1);
      formerGrade = random.weighted<DemoGrade>([['guest', 70], ['silver', 25], ['gold', 5]]);
      note =
        reason === 'churned'
          ? group
            ? `原${FORMER_GRADE_LABEL[formerGrade]}集团客户，合约到期后转签${competitor}`
            : `原${FORMER_GRADE_LABEL[formerGrade]}客户，携号转网至${competitor}`
          : reason === 'moved_away'
            ? `原${FORMER_GRADE_LABEL[formerGrade]}客户，迁居${random.pick(PROVINCES_AWAY)}，号码已销户`
            : '企业已办理工商注销，业务全部拆机';
    }
  }

  const customer: CoreCustomer = {
    customerNo: b.number(city),
    kind: group ? 'group' : 'individual',
    name: identity.name,
    namePinyin: identity.pinyin,
    nameInitials: identity.initials,
    grade: 'none',
    star: reason === 'demoted' ? random.int(1, 3) : null,
    phone: ownNetwork ? mobileNumber(random, b.registries.phones) : competitorMobileNumber(random, competitor!, b.registries.phones),
    idNumber: identity.idNumber,
    address: identity.address,
    orgUnit: district.code,
    accountManager: anchor.accountManager,
    phoneManager: null,
    activatedOn: ownNetwork ? activationDate(random, false, identity.birthYear) : null,
    parentCustomerNo: null,
    archive: 'retained',
    retainedReason: reason,
    retainedCompetitor: competitor,
    retainedNote: note,
    retainedAt: moment(retainedDay, random.int(9, 17), random.int(0, 59)),
  };
  b.customers.push(customer);
  b.roles.push({ kind: 'retained', reason, lastBillMonth, formerGrade });
  if (group) addGroupProfile(b, customer, { groupClass: reason === 'potential' ? 'B' : 'C', stage: reason === 'potential' ? 'gestation' : null });
}

export function planStructure(seed: number, keyAccounts: readonly CoreCustomer[], registries: Registries): DemoStructure {
  const random = derivedRandom(seed, 'structure');
  const b: Builder = {
    random,
    registries,
    customers: [...keyAccounts],
    roles: keyAccounts.map(() => ({ kind: 'key_account' }) as const),
    groups: new Map(),
    usccs: new Set(),
    number: numberer(random, keyAccounts),
  };
  for (const customer of keyAccounts) {
    if (customer.kind !== 'group') continue;
    const groupClass = groupClassFor(random, customer.grade);
    addGroupProfile(b, customer, { groupClass });
  }
  const showcase = chooseShowcase(keyAccounts);
  // The showcase group is the largest organisation of the city.
  const showcaseProfile = b.groups.get(showcase.customerNo)!;
  b.groups.set(showcase.customerNo, { ...showcaseProfile, groupClass: 'A', staffCount: 2000 + DEMO_SHOWCASE_LINES * 10, relationshipStage: 'strategic' });

  const managers: PlannedAssistingManager[] = [];
  planMemberUnits(b, showcase.customerNo, managers);

  for (const city of DEMO_CITIES) {
    const anchors = keyAccounts.filter((c) => placeOf(c.orgUnit).city === city && c.accountManager !== null);
    const counts = DEMO_RETAINED[city.code as keyof typeof DEMO_RETAINED];
    for (const [reason, count] of Object.entries(counts) as [RetainedReason, number][]) {
      for (let i = 0; i < count; i += 1) retainedRecord(b, city, reason, anchors);
    }
  }

  return {
    customers: b.customers,
    roles: b.roles,
    cities: b.customers.map((c) => placeOf(c.orgUnit).city),
    districts: b.customers.map((c) => placeOf(c.orgUnit).district),
    groups: b.groups,
    assistingManagers: managers,
    showcaseCustomerNo: showcase.customerNo,
  };
}
