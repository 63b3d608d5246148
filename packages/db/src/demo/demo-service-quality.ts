import { createHash } from 'node:crypto';
import {
  AM_APPROVAL_QUESTIONNAIRE,
  DEFAULT_COMPLAINT_RULES,
  KA_SATISFACTION_QUESTIONNAIRE,
  hotKeywordsIn,
  scoreSurvey,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintSeverity,
  type Questionnaire,
} from '@patron/domain';
import { DEMO_BILL_MONTHS, DEMO_CITY_MAIN } from './demo-catalog';
import { AS_OF_DAY, billMonth, isoOfDay } from './demo-dates';
import type { PlannedCustomer } from './demo-plan';
import { derivedRandom, type SeededRandom } from './seeded-random';

/**
 * A year of service quality for DEMO-01 (the last 12 bill months): complaints from every channel
 * with their level history, root causes and revisits, and the monthly approval and satisfaction
 * surveys, so the measure dashboards have something to show on the first start. Everything is
 * finished by the as-of date (closed complaints, revisits done or unreachable, surveys answered):
 * nothing for the escalation scan to pick up, nothing left in the revisit desk's queue.
 */

/** The last twelve bill months, 2025-11 to 2026-10. */
export const DEMO_SERVICE_MONTHS = 12;
/** Bill-month index of the first service month, and its first day. */
const FIRST_SERVICE_MONTH = DEMO_BILL_MONTHS - DEMO_SERVICE_MONTHS;
const WINDOW_FIRST_DAY = billMonth(FIRST_SERVICE_MONTH).firstDay;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Level limits of the default rules: 24 h, 48 h, 5 working days (about a calendar week). */
const LEVEL_LIMIT_MS: Readonly<Record<1 | 2 | 3, number>> = { 1: 24 * HOUR_MS, 2: 48 * HOUR_MS, 3: 7 * DAY_MS };
const FINAL_LIMIT_MS = DEFAULT_COMPLAINT_RULES.finalLimitDays * DAY_MS;
/** A complaint's revisit is due three days after the resolution. */
const REVISIT_DUE_MS = 3 * DAY_MS;
/** Complaints received this close to the as-of date take the quick path, so all of it ends before it. */
const QUICK_PATH_DAYS = 20;
const LAST_RECEIVED_DAY_GAP = 5;
/** Complaints in DEMO-01 per month before seasonality: about 2.5 per 1,000 lines. */
const COMPLAINTS_PER_MONTH = 80;
const SURVEYS_PER_MONTH = { vip: 110, guest: 220, satisfaction: 60 } as const;

export interface PlannedComplaint {
  readonly complaintNo: string;
  readonly customerNo: string;
  readonly channel: ComplaintChannel;
  readonly category: ComplaintCategory;
  readonly severity: ComplaintSeverity;
  readonly description: string;
  readonly level: 1 | 2 | 3;
  readonly repeat: boolean;
  readonly hot: boolean;
  readonly hotKeywords: readonly string[];
  readonly assignee: string;
  readonly receivedAt: string;
  readonly levelStartedAt: string;
  readonly levelDeadline: string;
  readonly finalDeadline: string;
  readonly escalatedOnce: boolean;
  readonly reopenCount: number;
  readonly resolution: string;
  readonly rootCause: 'value' | 'system' | 'people';
  readonly rootCauseDetail: string;
  readonly customerConfirmed: boolean | null;
  readonly noConfirmationReason: string | null;
  readonly firstContactResolved: boolean;
  readonly resolvedAt: string;
  readonly closedAt: string;
}

export interface PlannedComplaintEvent {
  readonly complaintNo: string;
  readonly occurredAt: string;
  readonly fromStatus: string | null;
  readonly toStatus: string;
  readonly fromLevel: number | null;
  readonly toLevel: number;
  readonly automatic: boolean;
  readonly onTime: boolean | null;
  /** Null for what the escalation scan did. */
  readonly actor: string | null;
}

export interface PlannedRevisit {
  readonly complaintNo: string;
  readonly round: number;
  readonly customerNo: string;
  readonly owner: string;
  readonly dueAt: string;
  readonly status: 'done' | 'unreachable';
  readonly attempts: number;
  readonly outcome: 'satisfied' | 'unsatisfied' | null;
  readonly satisfaction: number | null;
  readonly problems: string | null;
  readonly lastAttemptAt: string;
  readonly doneAt: string | null;
  readonly createdAt: string;
}

export interface PlannedSurvey {
  readonly customerNo: string;
  readonly questionnaire: Questionnaire;
  readonly channel: 'outbound_call' | 'mobile_link';
  /** SHA-256 of a link token nobody holds (the link was used); null for calls. */
  readonly tokenHash: string | null;
  readonly sentAt: string;
  readonly expiresAt: string | null;
  readonly answeredAt: string;
  readonly answers: Readonly<Record<string, number>>;
  readonly dimensions: Readonly<Record<string, number>>;
  readonly index: number;
  readonly approves: boolean | null;
  readonly customerClass: 'vip' | 'guest';
  readonly orgUnit: string;
  readonly accountManager: string;
  /** The outbound agent who read the call script; null for the mobile link. */
  readonly recordedBy: string | null;
}

export interface DemoServiceQuality {
  readonly complaints: readonly PlannedComplaint[];
  readonly complaintEvents: readonly PlannedComplaintEvent[];
  readonly revisits: readonly PlannedRevisit[];
  readonly surveys: readonly PlannedSurvey[];
  /** Complaints per business date, for the complaint number sequences. */
  readonly complaintDays: ReadonlyMap<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: what customers say, what was found, what was done
// ---------------------------------------------------------------------------------------------

const CHANNELS: readonly (readonly [ComplaintChannel, number])[] = [
  ['hotline', 40],
  ['account_manager', 22],
  ['business_hall', 14],
  ['online', 14],
  ['letter', 5],
  ['regulator_appeal', 5],
];
const SEVERITIES: readonly (readonly [ComplaintSeverity, number])[] = [
  ['low', 25],
  ['medium', 50],
  ['high', 20],
  ['critical', 5],
];

const CATEGORIES: { readonly [C in ComplaintCategory]: { weight: number; words: readonly string[]; resolutions: readonly string[] } } = {
  network_quality: {
    weight: 26,
    words: ['办公楼内5G信号弱，开会时频繁掉话', '专线近一周多次中断，影响生产系统', '宽带晚高峰速率明显下降，视频会议卡顿'],
    resolutions: ['优化周边基站参数并新增室分，信号恢复正常', '更换故障光模块，专线恢复并持续观察一周', '扩容汇聚带宽，晚高峰速率达标'],
  },
  billing: {
    weight: 20,
    words: ['本月账单多扣了一笔增值业务费', '集团统付账单与合同约定价格不一致', '国际漫游费用远超预期，要求核实'],
    resolutions: ['核实为计费错误，已退还多收费用并致歉', '按合同价重出账单并调整差额', '核对漫游话单，按封顶标准调减费用'],
  },
  service_attitude: {
    weight: 9,
    words: ['营业厅工作人员态度生硬，办理业务推诿', '客服热线多次转接仍无人解决'],
    resolutions: ['当面致歉，对责任人进行服务规范培训', '指定专人跟进，一次性办结客户诉求'],
  },
  provisioning: {
    weight: 13,
    words: ['新装专线超过承诺时限仍未开通', '移机申请提交两周无人联系'],
    resolutions: ['协调施工队加急完成开通，减免首月月租', '重新预约并按时完成移机'],
  },
  fault_repair: {
    weight: 12,
    words: ['报修后维修人员未按预约时间上门', '专线故障修复超过SLA承诺时限'],
    resolutions: ['重新派单并当日修复，按SLA计算赔付', '更换设备恢复业务，补发服务承诺函'],
  },
  marketing: {
    weight: 9,
    words: ['未经同意被开通了流量包', '促销活动承诺的优惠没有兑现'],
    resolutions: ['取消误开通业务并全额退费', '补发承诺的优惠并书面确认'],
  },
  information_security: {
    weight: 5,
    words: ['频繁接到冒充客服的诈骗电话，怀疑信息泄露', '收到大量营销短信，要求全部退订'],
    resolutions: ['核查无信息泄露，开通防骚扰服务', '已退订全部营销短信并加入免打扰名单'],
  },
  other: {
    weight: 6,
    words: ['发票开具不及时，影响财务报销', '积分兑换的礼品迟迟未收到'],
    resolutions: ['加急开具发票并快递送达', '补发礼品并赠送积分致歉'],
  },
};

/** Words that make a complaint hot (they are default hot keywords): media, the regulator, a lawyer. */
const HOT_ENDINGS = ['，再不解决我们就向工信部投诉', '，已经联系媒体记者准备曝光', '，我们的律师会跟进此事'];

const ROOT_CAUSES: { readonly [R in PlannedComplaint['rootCause']]: { weight: number; details: readonly string[] } } = {
  value: { weight: 45, details: ['资费方案与需求不匹配', '优惠政策解释不到位', '网络覆盖不足'] },
  system: { weight: 30, details: ['计费系统配置错误', '开通流程环节超时', '工单派发规则缺陷'] },
  people: { weight: 25, details: ['营业员操作失误', '客户经理未及时回应', '装维人员未按约上门'] },
};

const UNSATISFIED_PROBLEMS = ['问题仍未彻底解决', '退费金额与承诺不符', '处理时间太长'];
const UNREACHABLE_REASON = '回访三次未接通，按规定结案';

// ---------------------------------------------------------------------------------------------
// Time on business hours in Shanghai (UTC+8)
// ---------------------------------------------------------------------------------------------

/** An instant on `day` between 08:30 and 17:30 Shanghai time, as epoch milliseconds. */
function businessInstant(random: SeededRandom, day: number): number {
  const minute = random.int(8 * 60 + 30, 17 * 60 + 30);
  return Date.parse(`${isoOfDay(day)}T00:00:00+08:00`) + minute * 60_000;
}

/** The revisit desk calls between 09:00 and 20:00: a later moment moves to the next morning. */
function duringCallHours(random: SeededRandom, ms: number): number {
  const hour = new Date(ms + 8 * HOUR_MS).getUTCHours();
  if (hour >= 9 && hour < 20) return ms;
  const dayStart = Math.floor((ms + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS;
  const morning = dayStart + (hour < 9 ? 0 : DAY_MS) + 9 * HOUR_MS;
  return morning + random.int(0, 150) * 60_000;
}

const iso = (ms: number) => new Date(ms).toISOString();
const uniform = (random: SeededRandom, min: number, max: number) => min + (max - min) * random.next();
/** Shanghai business date of an instant. */
const businessDate = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Complaints
// ---------------------------------------------------------------------------------------------

interface Served {
  readonly customer: PlannedCustomer;
  readonly accountManager: string;
}

interface Draft {
  readonly customer: Served;
  readonly category: ComplaintCategory;
  readonly receivedMs: number;
}

/** Base complaints spread over the window, plus follow-ups by the same customer in the same category. */
function draftComplaints(random: SeededRandom, served: readonly Served[]): Draft[] {
  const first = WINDOW_FIRST_DAY;
  const last = AS_OF_DAY - LAST_RECEIVED_DAY_GAP;
  const categories = Object.entries(CATEGORIES).map(([code, c]) => [code as ComplaintCategory, c.weight] as const);
  // Large accounts complain more: a group (many lines) is four times as likely to call as a person.
  const groups = served.filter((s) => s.customer.kind === 'group');
  const people = served.filter((s) => s.customer.kind !== 'group');
  const groupShare = (4 * groups.length) / (4 * groups.length + people.length);
  const drafts: Draft[] = [];
  const count = Math.round((COMPLAINTS_PER_MONTH * (last - first + 1)) / 30.4);
  for (let i = 0; i < count; i += 1) {
    const customer = random.chance(groupShare) ? random.pick(groups) : random.pick(people);
    const category = random.weighted(categories);
    const receivedMs = businessInstant(random, random.int(first, last));
    drafts.push({ customer, category, receivedMs });
    // About one in ten comes back within a few weeks: the repeat complaints.
    if (random.chance(0.1)) {
      const again = receivedMs + random.int(3, 40) * DAY_MS;
      if (again < Date.parse(`${isoOfDay(last)}T17:30:00+08:00`)) drafts.push({ customer, category, receivedMs: again });
    }
  }
  return drafts.sort((a, b) => a.receivedMs - b.receivedMs);
}

/** Days since 1970 of the instant's Shanghai business date. */
const businessDay = (ms: number) => Math.floor((ms + 8 * HOUR_MS) / DAY_MS);

/**
 * Marks repeats as the complaint service does: the same customer in the same category at most the
 * rule's window of business dates earlier. Drafts come in time order.
 */
function repeatFlags(drafts: readonly Draft[]): boolean[] {
  const lastDay = new Map<string, number>();
  return drafts.map((draft) => {
    const key = `${draft.customer.customer.customerNo}|${draft.category}`;
    const day = businessDay(draft.receivedMs);
    const previous = lastDay.get(key);
    lastDay.set(key, day);
    return previous !== undefined && day - previous <= DEFAULT_COMPLAINT_RULES.repeatWindowDays;
  });
}

interface Lifecycle {
  complaint: PlannedComplaint;
  events: PlannedComplaintEvent[];
  revisits: PlannedRevisit[];
}

function complaintLifecycle(random: SeededRandom, draft: Draft, complaintNo: string, repeat: boolean, desk: string): Lifecycle {
  const { customer, accountManager } = draft.customer;
  const quick = draft.receivedMs > Date.parse(`${isoOfDay(AS_OF_DAY - QUICK_PATH_DAYS)}T00:00:00+08:00`);
  const vocabulary = CATEGORIES[draft.category];
  const hotEnding = random.chance(0.04) ? random.pick(HOT_ENDINGS) : '';
  const description = random.pick(vocabulary.words) + hotEnding;
  const hotKeywords = hotKeywordsIn(description, DEFAULT_COMPLAINT_RULES.hotKeywords);
  const hot = hotKeywords.length > 0;
  const events: PlannedComplaintEvent[] = [];
  const event = (at: number, from: string | null, to: string, fromLevel: number | null, toLevel: number, extra: Partial<PlannedComplaintEvent> = {}) =>
    events.push({ complaintNo, occurredAt: iso(at), fromStatus: from, toStatus: to, fromLevel, toLevel, automatic: false, onTime: null, actor: accountManager, ...extra });

  const received = draft.receivedMs;
  const finalMs = received + FINAL_LIMIT_MS;
  let level: 1 | 2 | 3 = hot ? 2 : 1;
  let levelStart = received;
  event(received, null, 'received', null, level);
  let at = received + random.int(10, 120) * 60_000;
  event(at, 'received', 'assigned', level, level);
  at += random.int(20, 240) * 60_000;
  event(at, 'assigned', 'processing', level, level);
  let status = 'processing';

  // Escalations: by hand before the level's limit, or by the scan when it ran out.
  let escalatedOnce = false;
  const escalates = () => !quick && level < 3 && random.chance(level === 1 ? 0.14 : 0.22);
  while (escalates()) {
    const late = random.chance(0.35);
    const limit = LEVEL_LIMIT_MS[level];
    const leftAt = late ? levelStart + limit : Math.max(at + 60_000, levelStart + limit * uniform(random, 0.2, 0.9));
    event(leftAt, status, 'escalated', level, level + 1, { automatic: late, onTime: !late, actor: late ? null : accountManager });
    level = (level + 1) as 2 | 3;
    levelStart = leftAt;
    at = leftAt;
    status = 'escalated';
    escalatedOnce = true;
  }

  // Resolution at the level reached: before its limit, except at level 3 now and then (nowhere left to go).
  const resolveAt = (from: number) => {
    const limit = LEVEL_LIMIT_MS[level];
    const late = level === 3 && random.chance(0.2);
    const candidate = late ? levelStart + limit * uniform(random, 1.05, 1.3) : Math.max(from + 30 * 60_000, levelStart + limit * uniform(random, 0.1, quick ? 0.4 : 0.9));
    return { at: Math.min(candidate, finalMs - HOUR_MS), onTime: candidate <= levelStart + limit };
  };
  const rootCause = random.weighted(Object.entries(ROOT_CAUSES).map(([code, c]) => [code as PlannedComplaint['rootCause'], c.weight] as const));
  const resolution = random.pick(vocabulary.resolutions);
  let resolved = resolveAt(at);
  event(resolved.at, status, 'resolved', level, level, { onTime: resolved.onTime });

  const revisits: PlannedRevisit[] = [];
  let reopenCount = 0;
  let closedAt = 0;
  let confirmed: boolean | null = null;
  let noConfirmationReason: string | null = null;
  for (let round = 0; closedAt === 0; round += 1) {
    const due = resolved.at + REVISIT_DUE_MS;
    const timely = quick || random.chance(0.86);
    const calledAt = duringCallHours(random, timely ? resolved.at + uniform(random, 2 * HOUR_MS, 60 * HOUR_MS) : due + uniform(random, 6 * HOUR_MS, 60 * HOUR_MS));
    const roll = random.next();
    const base = { complaintNo, round, customerNo: customer.customerNo, owner: desk, dueAt: iso(due), createdAt: iso(resolved.at) };
    if (!quick && round === 0 && roll < 0.05) {
      // Three calls, nobody answers: closed with the reason recorded.
      revisits.push({ ...base, status: 'unreachable', attempts: 3, outcome: null, satisfaction: null, problems: null, lastAttemptAt: iso(calledAt), doneAt: null });
      closedAt = calledAt + HOUR_MS;
      noConfirmationReason = UNREACHABLE_REASON;
    } else if (!quick && round === 0 && roll < 0.12) {
      // The customer rejects the solution: reopened, solved again, revisited again.
      revisits.push({ ...base, status: 'done', attempts: 1, outcome: 'unsatisfied', satisfaction: random.int(1, 2), problems: random.pick(UNSATISFIED_PROBLEMS), lastAttemptAt: iso(calledAt), doneAt: iso(calledAt) });
      event(calledAt, 'resolved', 'processing', level, level, { actor: desk });
      reopenCount += 1;
      levelStart = calledAt;
      resolved = { at: calledAt + uniform(random, 4 * HOUR_MS, LEVEL_LIMIT_MS[level] * 0.8), onTime: true };
      event(resolved.at, 'processing', 'resolved', level, level, { onTime: true });
    } else {
      const attempts = random.chance(0.15) ? 2 : 1;
      revisits.push({ ...base, status: 'done', attempts, outcome: 'satisfied', satisfaction: random.weighted([[5, 55], [4, 35], [3, 10]]), problems: null, lastAttemptAt: iso(calledAt), doneAt: iso(calledAt) });
      closedAt = calledAt;
      confirmed = true;
    }
  }
  event(closedAt, 'resolved', 'closed', level, level, { actor: desk });

  const complaint: PlannedComplaint = {
    complaintNo,
    customerNo: customer.customerNo,
    channel: random.weighted(CHANNELS),
    category: draft.category,
    severity: hot ? random.weighted([['high', 60], ['critical', 40]]) : random.weighted(SEVERITIES),
    description,
    level,
    repeat,
    hot,
    hotKeywords,
    assignee: accountManager,
    receivedAt: iso(received),
    levelStartedAt: iso(levelStart),
    levelDeadline: iso(Math.min(levelStart + LEVEL_LIMIT_MS[level], finalMs)),
    finalDeadline: iso(finalMs),
    escalatedOnce,
    reopenCount,
    resolution,
    rootCause,
    rootCauseDetail: random.pick(ROOT_CAUSES[rootCause].details),
    customerConfirmed: confirmed,
    noConfirmationReason,
    firstContactResolved: level === 1 && !escalatedOnce && reopenCount === 0,
    resolvedAt: iso(resolved.at),
    closedAt: iso(closedAt),
  };
  return { complaint, events, revisits };
}

// ---------------------------------------------------------------------------------------------
// Surveys
// ---------------------------------------------------------------------------------------------

/** Roughly normal around 0 with standard deviation 1 (sum of uniforms). */
function gaussian(random: SeededRandom): number {
  return random.next() + random.next() + random.next() + random.next() - 2;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Dimension means on the 0–10 scale: after-sales is the weak spot, the AM the strong one. */
const DIMENSION_BASE: Readonly<Record<string, number>> = { product_quality: 8.2, pre_sales: 7.6, in_sales: 7.9, after_sales: 7.2, am_service: 8.5 };

function approvalAnswers(random: SeededRandom, approves: boolean): Record<string, number> {
  const aspect = () => (approves ? random.weighted([[5, 60], [4, 35], [3, 5]]) : random.weighted([[2, 30], [3, 50], [4, 20]]));
  return { proactive: aspect(), problem_solving: aspect(), promises_kept: aspect(), business_knowledge: aspect(), approve: approves ? 1 : 0 };
}

function satisfactionAnswers(random: SeededRandom, quality: number): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const question of KA_SATISFACTION_QUESTIONNAIRE.questions) {
    const mean = (DIMENSION_BASE[question.dimension] ?? 8) + 0.8 * quality;
    answers[question.code] = clamp(Math.round(mean + 1.2 * gaussian(random)), question.scale.min, question.scale.max);
  }
  return answers;
}

interface SurveyContext {
  readonly random: SeededRandom;
  readonly seed: number;
  /** Per account manager, -1 (weak) to 1 (strong): the same people do well in every survey. */
  readonly quality: ReadonlyMap<string, number>;
  readonly agent: string;
  readonly counter: { n: number };
}

function survey(ctx: SurveyContext, served: Served, questionnaire: Questionnaire, answers: Record<string, number>, day: number): PlannedSurvey {
  const { random } = ctx;
  const answeredMs = businessInstant(random, day);
  const link = random.chance(0.3);
  const sentMs = link ? answeredMs - random.int(2, 72) * HOUR_MS : answeredMs - random.int(3, 15) * 60_000;
  const score = scoreSurvey(questionnaire, answers);
  ctx.counter.n += 1;
  return {
    customerNo: served.customer.customerNo,
    questionnaire,
    channel: link ? 'mobile_link' : 'outbound_call',
    tokenHash: link ? createHash('sha256').update(`demo-survey-${ctx.seed}-${ctx.counter.n}`).digest('hex') : null,
    sentAt: iso(sentMs),
    expiresAt: link ? iso(sentMs + 14 * DAY_MS) : null,
    answeredAt: iso(answeredMs),
    answers,
    dimensions: score.dimensions,
    index: score.index,
    approves: score.approves,
    customerClass: served.customer.grade === 'guest' ? 'guest' : 'vip',
    orgUnit: served.customer.orgUnit,
    accountManager: served.accountManager,
    recordedBy: link ? null : ctx.agent,
  };
}

/** County branches (县) do better with 贵宾 than the urban sales offices (DOMAIN §5.1). */
const isUrban = (orgUnit: string) => !/-0[56]$/.test(orgUnit);

function planSurveys(ctx: SurveyContext, served: readonly Served[]): PlannedSurvey[] {
  const { random } = ctx;
  const vips = served.filter((s) => s.customer.grade !== 'guest');
  const guests = served.filter((s) => s.customer.grade === 'guest');
  const surveys: PlannedSurvey[] = [];
  for (let m = 0; m < DEMO_SERVICE_MONTHS; m += 1) {
    const month = billMonth(FIRST_SERVICE_MONTH + m);
    const lastDay = Math.min(month.firstDay + month.days - 1, AS_OF_DAY);
    const dayOf = () => random.int(month.firstDay, lastDay);
    // 贵宾 approval improves a little month by month as the sweep of 贵宾 goes on.
    const guestTrend = (m - DEMO_SERVICE_MONTHS / 2) * 0.008;
    for (const s of random.shuffle(vips).slice(0, SURVEYS_PER_MONTH.vip)) {
      const q = ctx.quality.get(s.accountManager) ?? 0;
      const approves = random.chance(clamp(0.962 + 0.03 * q, 0, 0.995));
      surveys.push(survey(ctx, s, AM_APPROVAL_QUESTIONNAIRE, approvalAnswers(random, approves), dayOf()));
    }
    for (const s of random.shuffle(guests).slice(0, SURVEYS_PER_MONTH.guest)) {
      const q = ctx.quality.get(s.accountManager) ?? 0;
      const approves = random.chance(clamp(0.755 + 0.12 * q - (isUrban(s.customer.orgUnit) ? 0.05 : 0) + guestTrend, 0, 0.99));
      surveys.push(survey(ctx, s, AM_APPROVAL_QUESTIONNAIRE, approvalAnswers(random, approves), dayOf()));
    }
    // The satisfaction survey leans to the VIPs, who carry most of the revenue.
    const sample = [...random.shuffle(vips).slice(0, SURVEYS_PER_MONTH.satisfaction / 2), ...random.shuffle(guests).slice(0, SURVEYS_PER_MONTH.satisfaction / 2)];
    for (const s of sample) {
      surveys.push(survey(ctx, s, KA_SATISFACTION_QUESTIONNAIRE, satisfactionAnswers(random, ctx.quality.get(s.accountManager) ?? 0), dayOf()));
    }
  }
  return surveys.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
}

// ---------------------------------------------------------------------------------------------

/**
 * Complaints, revisits and surveys of DEMO-01's key accounts over the last twelve months, from the
 * seed: the same seed gives the same year. `desk` is the outbound agent who works the revisits.
 */
export function planServiceQuality(seed: number, customers: readonly PlannedCustomer[], desk: string): DemoServiceQuality {
  const served: Served[] = customers
    .filter((c) => c.archive === 'in_network' && c.grade !== 'none' && c.accountManager !== null && c.orgUnit.startsWith(`${DEMO_CITY_MAIN.code}-`))
    .map((customer) => ({ customer, accountManager: customer.accountManager! }));

  const random = derivedRandom(seed, 'service-quality');
  const drafts = draftComplaints(random, served);
  const complaints: PlannedComplaint[] = [];
  const complaintEvents: PlannedComplaintEvent[] = [];
  const revisits: PlannedRevisit[] = [];
  const complaintDays = new Map<string, number>();
  const repeats = repeatFlags(drafts);
  for (const [index, draft] of drafts.entries()) {
    const day = businessDate(draft.receivedMs);
    const sequence = (complaintDays.get(day) ?? 0) + 1;
    complaintDays.set(day, sequence);
    const complaintNo = `CP${day.replaceAll('-', '')}${String(sequence).padStart(4, '0')}`;
    const lifecycle = complaintLifecycle(random, draft, complaintNo, repeats[index]!, desk);
    complaints.push(lifecycle.complaint);
    complaintEvents.push(...lifecycle.events);
    revisits.push(...lifecycle.revisits);
  }

  const surveyRandom = derivedRandom(seed, 'surveys');
  const managers = [...new Set(served.map((s) => s.accountManager))].sort();
  const quality = new Map(managers.map((username) => [username, clamp(gaussian(surveyRandom) * 0.6, -1, 1)]));
  const surveys = planSurveys({ random: surveyRandom, seed, quality, agent: desk, counter: { n: 0 } }, served);
  return { complaints, complaintEvents, revisits, surveys, complaintDays };
}
