import type { Gender } from '@patron/domain/validation/resident-id';
import { DEMO_COMPETITORS, DEMO_GRADE_VALIDITY } from './demo-catalog';
import { AS_OF_DAY, dayNumber, isoOfDay } from './demo-dates';
import { competitorMobileNumber, drawPersonName, employerName, mobileNumber, officeAddress, personKeys, type Registries } from './demo-people';
import type {
  CoreCustomer,
  CustomerProfile,
  PlannedCompetitor,
  PlannedContact,
  PlannedCustomer,
  PlannedEvent,
} from './demo-plan';
import type { DemoService } from './demo-service';
import type { DemoStructure } from './demo-structure';
import { derivedRandom, type SeededRandom } from './seeded-random';

/**
 * The archive's profile fields, and the group archive's relations (contacts, key events,
 * competitors). Profiles come last because credit and points follow the bills.
 */

const isVip = (grade: string) => grade === 'diamond' || grade === 'gold' || grade === 'silver';
const roundTo = (value: number, step: number) => Math.round(value / step) * step;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

const TITLES = {
  vip: ['董事长', '总经理', '副总经理', '合伙人', '主任医师', '律师', '总监', '企业主'],
  silver: ['部门经理', '总监', '高级工程师', '教师', '医生', '公务员', '财务主管', '个体经营者'],
  guest: ['职员', '教师', '工程师', '销售经理', '个体经营者', '护士', '公务员', '技术员', '店长'],
} as const;

/** Consumption-points multiplier by star (DOMAIN §3.4): 5★ is 3× for silver, 5× for gold and diamond. */
function pointsMultiplier(star: number | null, grade: string): number {
  if (star === 5) return grade === 'gold' || grade === 'diamond' ? 5 : 3;
  return [1, 1, 1.5, 2, 2.5][star ?? 0] ?? 1;
}

const CREDIT_SCORE: Readonly<Record<string, readonly [number, number]>> = {
  diamond: [88, 98],
  gold: [82, 95],
  silver: [75, 92],
  guest: [62, 88],
  none: [65, 88],
};
const CREDIT_LIMIT_YUAN: Readonly<Record<string, readonly [number, number]>> = {
  diamond: [3000, 8000],
  gold: [1500, 3000],
  silver: [800, 1500],
  guest: [300, 800],
  none: [100, 300],
};

function email(random: SeededRandom, local: string): string {
  return `${local}@${random.pick(['example.com', 'example.net', 'example.org'])}`;
}

function groupDomain(customer: CoreCustomer): string {
  return `${customer.nameInitials.slice(0, 12)}.example`;
}

export function planProfiles(seed: number, structure: DemoStructure, service: DemoService): PlannedCustomer[] {
  const random = derivedRandom(seed, 'profiles');
  // Employers of individuals are often group customers of the same city.
  const employers = new Map<string, string[]>();
  structure.customers.forEach((customer, index) => {
    if (customer.kind !== 'group' || structure.roles[index]!.kind !== 'key_account') return;
    const city = structure.cities[index]!.code;
    employers.set(city, [...(employers.get(city) ?? []), customer.name]);
  });

  return structure.customers.map((customer, index): PlannedCustomer => {
    const role = structure.roles[index]!;
    const stats = service.stats[index]!;
    const city = structure.cities[index]!;
    const group = structure.groups.get(customer.customerNo) ?? null;
    const grade = customer.grade;
    const vip = isVip(grade);
    const keyAccount = role.kind === 'key_account';
    const retained = role.kind === 'retained' ? role : null;
    const prospect = customer.activatedOn === null;
    const closed = retained !== null && retained.reason !== 'demoted' && retained.reason !== 'potential';
    const averageYuan = stats.averageFen / 100;

    let gender: CustomerProfile['gender'] = null;
    let birthday: string | null = null;
    let employer: string | null = null;
    let title: string | null = null;
    if (customer.kind === 'individual' && customer.idNumber) {
      const id = customer.idNumber;
      birthday = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
      if (random.chance(keyAccount ? (vip ? 0.75 : 0.45) : 0.3)) {
        const local = employers.get(city.code) ?? [];
        employer = local.length > 0 && random.chance(0.5) ? random.pick(local) : employerName(random, city);
        title = random.pick(grade === 'diamond' || grade === 'gold' ? TITLES.vip : grade === 'silver' ? TITLES.silver : TITLES.guest);
      }
    }

    let emailAddress: string | null = null;
    if (customer.kind === 'individual') {
      if (random.chance(keyAccount ? (vip ? 0.35 : 0.12) : 0.1)) emailAddress = email(random, `${customer.namePinyin}${random.int(1, 999)}`);
    } else if (random.chance(role.kind === 'member_unit' ? 0.4 : 0.7)) {
      emailAddress = `office@${groupDomain(customer)}`;
    }

    // Credit (DOMAIN §3.3, §8 item 2): a score from the grade, lowered by arrears and arrears
    // suspensions; the limit grows with the grade (groups: with their bill).
    let creditScore: number | null = null;
    let creditLimitFen: number | null = null;
    if (!prospect) {
      const [low, high] = retained ? (retained.reason === 'demoted' ? [55, 75] : [40, 65]) : CREDIT_SCORE[grade]!;
      creditScore = clamp(random.int(low, high) - (stats.unpaidMonths > 0 ? 15 + 6 * stats.unpaidMonths : 0) - 8 * stats.arrearsSuspensions, 0, 100);
      if (!closed) {
        if (customer.kind === 'group') {
          const limit = role.kind === 'member_unit' ? roundTo(averageYuan * 2, 500) : Math.max(5000, roundTo(averageYuan * (1.5 + random.next() * 1.5), 1000));
          creditLimitFen = Math.max(500, limit) * 100;
        } else {
          const [lowYuan, highYuan] = CREDIT_LIMIT_YUAN[grade]!;
          creditLimitFen = roundTo(random.int(lowYuan, highYuan) * (creditScore < 50 ? 0.5 : 1), 100) * 100;
        }
      }
    }

    // Temporary credit lasts at most 7 days (DOMAIN §3.3): a few VIPs in arrears got some.
    let tempCreditFen: number | null = null;
    let tempCreditUntil: string | null = null;
    if (keyAccount && (stats.unpaidMonths > 0 ? vip && random.chance(0.3) : random.chance(0.004))) {
      tempCreditFen = random.int(5, 30) * 10_000;
      tempCreditUntil = isoOfDay(AS_OF_DAY + random.int(1, 7));
    }
    // 非信控 is granted in principle to nobody; in practice to a few important bank-collected groups.
    const nonCreditControl =
      keyAccount && group?.groupClass === 'A' && ['政府机关', '金融', '医疗', '能源'].includes(group.industry) && random.chance(0.35);

    let pointsBalance = 0;
    if (!prospect && !closed && role.kind !== 'member_unit') {
      const months = customer.kind === 'group' ? 12 * (0.1 + random.next() * 0.5) : 12 * (0.15 + random.next() * 1.05);
      pointsBalance = Math.ceil(averageYuan * months * (customer.kind === 'group' ? 1 : pointsMultiplier(customer.star, grade)));
    }

    const preferredChannel = prospect
      ? null
      : customer.kind === 'group'
        ? random.weighted([['phone', 35], ['wechat', 25], ['visit', 25], ['email', 15]])
        : random.weighted([['phone', 35], ['sms', 25], ['wechat', 30], ['visit', vip ? 8 : 2], ['email', 3]]);
    const doNotDisturb = random.chance(0.03);
    const marketingConsent = !doNotDisturb && !prospect && random.chance(customer.kind === 'group' ? 0.7 : 0.55);

    // Listed rather than spread: spreading these wide objects is slow enough to matter here.
    return {
      customerNo: customer.customerNo,
      kind: customer.kind,
      name: customer.name,
      namePinyin: customer.namePinyin,
      nameInitials: customer.nameInitials,
      grade: customer.grade,
      star: customer.star,
      phone: customer.phone,
      idNumber: customer.idNumber,
      address: customer.address,
      orgUnit: customer.orgUnit,
      accountManager: customer.accountManager,
      phoneManager: customer.phoneManager,
      activatedOn: customer.activatedOn,
      parentCustomerNo: customer.parentCustomerNo,
      archive: customer.archive,
      retainedReason: customer.retainedReason,
      retainedCompetitor: customer.retainedCompetitor,
      retainedNote: customer.retainedNote,
      retainedAt: customer.retainedAt,
      segment: customer.kind === 'group' ? 'group' : stats.family ? 'family' : 'individual',
      gender,
      birthday,
      email: emailAddress,
      employer,
      title,
      brand: customer.kind === 'individual' ? stats.brand : null,
      uscc: group?.uscc ?? null,
      industry: group?.industry ?? null,
      groupClass: group?.groupClass ?? null,
      staffCount: group?.staffCount ?? null,
      relationshipStage: group?.relationshipStage ?? null,
      gradeValidFrom: vip ? DEMO_GRADE_VALIDITY.from : null,
      gradeValidTo: vip ? DEMO_GRADE_VALIDITY.to : null,
      creditScore,
      creditLimitFen,
      tempCreditFen,
      tempCreditUntil,
      nonCreditControl,
      pointsBalance,
      preferredChannel,
      doNotDisturb,
      marketingConsent,
    };
  });
}

type ContactRole = PlannedContact['role'];

const LEADER_TITLES: Readonly<Record<string, readonly string[]>> = {
  政府机关: ['主任', '局长'],
  金融: ['行长', '总经理'],
  医疗: ['院长'],
  教育: ['校长', '院长'],
};
const ROLE_TITLES: { readonly [R in ContactRole]: readonly string[] } = {
  leader: ['董事长', '总经理'],
  key_person: ['副总经理', '办公室主任', '采购部经理', '综合部主任', '分管副职'],
  daily_contact: ['行政专员', '办公室文员', '综合部干事', '行政主管'],
  finance: ['财务经理', '会计', '财务主管', '出纳'],
  it: ['信息中心主任', 'IT经理', '网络管理员', '信息科科长'],
};
const INFLUENCE: { readonly [R in ContactRole]: readonly [number, number] } = {
  leader: [4, 5],
  key_person: [3, 5],
  daily_contact: [1, 3],
  finance: [2, 4],
  it: [2, 4],
};
const PREFERENCES = [
  '偏好微信沟通',
  '工作日上午方便接听',
  '午休时间勿扰',
  '重视资费明细，月初需发账单说明',
  '喜欢喝茶，拜访可带茶叶',
  '关注5G专网等新业务',
  '上门服务需提前一天预约',
  '不喜欢营销短信',
  '爱打羽毛球',
  '重视节日关怀',
];
const TENDER_ITEMS = ['移动办公终端', '互联网专线', '视频会议系统', '集团V网及彩铃', '物联网监控平台', '5G专网', '云桌面', '安防视频专线'];
const COMPETITOR_PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  中国电信: ['天翼云专线', '商务固话+宽带', '天翼云电脑', '互联网专线', 'IDC托管'],
  中国联通: ['沃云专线', '固话+宽带', '5G专网', '视频会议', 'SD-WAN组网'],
  中国广电: ['有线电视+宽带', '192号段集团套餐', '广电5G'],
};

export interface DemoRelations {
  readonly contacts: PlannedContact[];
  readonly events: PlannedEvent[];
  readonly competitors: PlannedCompetitor[];
}

export function planRelations(
  seed: number,
  customers: readonly PlannedCustomer[],
  structure: DemoStructure,
  service: DemoService,
  registries: Registries,
): DemoRelations {
  const random = derivedRandom(seed, 'relations');
  const contacts: PlannedContact[] = [];
  const events: PlannedEvent[] = [];
  const competitors: PlannedCompetitor[] = [];
  const windowStart = dayNumber('2024-11-01');

  const contact = (customer: PlannedCustomer, role: ContactRole, unit: boolean) => {
    const gender: Gender = random.chance(role === 'leader' ? 0.7 : 0.5) ? 'male' : 'female';
    const parts = drawPersonName(random, gender);
    const industryTitles = role === 'leader' ? LEADER_TITLES[customer.industry ?? ''] : undefined;
    const title = unit && role === 'leader' ? random.pick(['负责人', '分支机构经理']) : random.pick(industryTitles ?? ROLE_TITLES[role]);
    const [low, high] = INFLUENCE[role];
    const foreign = random.chance(0.12);
    const phone = foreign ? competitorMobileNumber(random, random.pick(DEMO_COMPETITORS), registries.phones) : mobileNumber(random, registries.phones);
    contacts.push({
      customerNo: customer.customerNo,
      name: parts.surname + parts.given,
      role,
      title,
      phone,
      email: random.chance(0.55) ? `${personKeys(registries, parts).full}@${groupDomain(customer)}` : null,
      influence: random.int(low, high),
      preferences: random.chance(0.35) ? random.pick(PREFERENCES) : null,
      birthday: random.chance(0.45) ? isoOfDay(dayNumber(`${random.int(1962, 1995)}-01-01`) + random.int(0, 364)) : null,
    });
  };

  customers.forEach((customer, index) => {
    if (customer.kind !== 'group') return;
    const role = structure.roles[index]!;
    const stats = service.stats[index]!;
    const showcase = customer.customerNo === structure.showcaseCustomerNo;

    if (role.kind === 'member_unit') {
      contact(customer, 'daily_contact', true);
      if (random.chance(0.5)) contact(customer, 'leader', true);
      return;
    }
    if (role.kind === 'retained') {
      if (role.reason === 'potential') contact(customer, 'leader', false);
      contact(customer, 'daily_contact', false);
      if (role.reason === 'churned' || (role.reason === 'potential' && customer.retainedCompetitor)) {
        const competitor = customer.retainedCompetitor ?? random.pick(DEMO_COMPETITORS);
        competitors.push({
          customerNo: customer.customerNo,
          competitor,
          products: random.pick(COMPETITOR_PRODUCTS[competitor]!),
          contractEndOn: isoOfDay(AS_OF_DAY + random.int(30, 900)),
          shareOfWallet: 100,
          monthlySpendFen: roundTo(Math.max(stats.averageFen, random.int(80_000, 600_000)), 10_000),
          note: role.reason === 'churned' ? '已流失，合约到期前争取回归' : '潜在客户，合约到期前接触',
        });
      }
      return;
    }

    // Key-account groups: leader and daily contact always, the rest by size.
    const classOdds = { A: 0.8, B: 0.5, C: 0.2 } as const;
    const roles: ContactRole[] = ['leader', 'daily_contact'];
    if (showcase || random.chance(0.7)) roles.push('finance');
    if (showcase || random.chance(classOdds[customer.groupClass ?? 'C'])) roles.push('it');
    if (showcase || random.chance(0.5)) roles.push('key_person');
    if (showcase) roles.push('key_person');
    for (const r of roles) contact(customer, r, false);

    // Key events (重大事项) of the last two years.
    const eventCount = showcase ? 3 : random.weighted([[0, 30], [1, 35], [2, 22], [3, 13]]);
    for (let i = 0; i < eventCount; i += 1) {
      const day = random.int(windowStart, AS_OF_DAY);
      const year = Number(isoOfDay(day).slice(0, 4));
      const kind = random.weighted<PlannedEvent['kind']>([
        ['tender', 30],
        ['anniversary', 20],
        ['leadership_change', 20],
        ['move', 12],
        ['merger', customer.uscc?.startsWith('91') ? 5 : 0],
        ['other', 13],
      ]);
      let title: string;
      let note: string | null;
      switch (kind) {
        case 'tender':
          title = `${year}年${random.pick(TENDER_ITEMS)}项目招标`;
          note = random.pick(['我司中标，合同期三年', '未中标，中国电信中标', '已递交投标文件，待开标', '流标，拟重新招标', '我司与中国联通同时入围']);
          break;
        case 'anniversary':
          title = `建${random.pick(['十', '十五', '二十', '二十五', '三十', '五十'])}周年庆典`;
          note = random.pick(['客户经理到场祝贺并赠送花篮', '已发送贺信', null]);
          break;
        case 'leadership_change': {
          const leader = drawPersonName(random, random.chance(0.7) ? 'male' : 'female');
          const leaderTitle = random.pick(LEADER_TITLES[customer.industry ?? ''] ?? ROLE_TITLES.leader);
          title = `新任${leaderTitle}到任`;
          note = `新任${leaderTitle}${leader.surname}${leader.given}，已安排高层拜访`;
          break;
        }
        case 'move':
          title = '办公地址迁移';
          note = `迁至${officeAddress(random, structure.cities[index]!, structure.districts[index]!)}，需同步迁移专线与固话`;
          break;
        case 'merger':
          title = `并购${employerName(random, structure.cities[index]!)}`;
          note = '关注并入企业的通信合同与号码整合';
          break;
        default:
          title = random.pick(['获评省级专精特新企业', '新址投入使用', '年度大客户答谢会', '通过等保三级测评', '启动数字化转型项目']);
          note = null;
      }
      events.push({ customerNo: customer.customerNo, occurredOn: isoOfDay(day), kind, title, note, createdBy: customer.accountManager });
    }

    // Competitor information (竞争信息) for about 40% of groups.
    if (showcase || random.chance(0.4)) {
      const rivals = random.shuffle(DEMO_COMPETITORS).slice(0, random.chance(0.25) ? 2 : 1);
      // Shares of wallet add up to at most 60%: we keep the larger part of a key account.
      const shares = rivals.length === 1 ? [random.int(10, 60)] : [random.int(10, 40), random.int(5, 20)];
      const ours = 100 - shares.reduce((sum, share) => sum + share, 0);
      rivals.forEach((competitor, i) => {
        competitors.push({
          customerNo: customer.customerNo,
          competitor,
          products: random.pick(COMPETITOR_PRODUCTS[competitor]!),
          contractEndOn: isoOfDay(AS_OF_DAY + random.int(15, 790)),
          shareOfWallet: shares[i]!,
          monthlySpendFen: roundTo((stats.averageFen * shares[i]!) / ours, 10_000),
          note: random.pick(['合约到期前三个月启动竞争应对', '对方报价低于我司约15%', '客户对对方故障响应有抱怨', '对方赠送终端', null]),
        });
      });
    }
  });
  return { contacts, events, competitors };
}
