import type { RoleCode } from '@patron/domain/access/roles';

/**
 * Fixed shape of the demo organisation. DEMO-01 is the city of the 2007 deck (seed S1): 10,178 key
 * accounts (7 diamond, 100 gold, 1,252 silver VIPs and 8,819 贵宾) served by 34 account managers.
 * Place names are invented so no real branch is impersonated.
 */

export interface DemoDistrict {
  readonly code: string;
  /** Org unit name. */
  readonly name: string;
  /** As written in addresses: '城东区', '临江县'. */
  readonly place: string;
  /** Region code of resident IDs issued here (province 36, an unused prefecture number). */
  readonly idRegion: string;
  /** How many of am01–am34 sit here; their teams share them out in order. */
  readonly accountManagers: number;
  readonly teams: readonly { readonly code: string; readonly name: string }[];
}

export interface DemoCity {
  readonly code: string;
  readonly name: string;
  /** As written in addresses and company names: '江州市'. */
  readonly place: string;
  /** Short form used in company names: '江州'. */
  readonly short: string;
  /** The four digits after 'C' in customer numbers. */
  readonly customerNoPrefix: string;
  /** Fixed-line area code; 01x other than 010 is unassigned in China, so these are fictional. */
  readonly areaCode: string;
  /** Short code in circuit ids: 'CIR-JZ-000123'. */
  readonly circuitCode: string;
  readonly districts: readonly DemoDistrict[];
}

export const DEMO_PROVINCE = { code: 'DEMO', name: '示范省公司', place: '示范省', short: '示范' } as const;

const team = (district: string, n: number, place: string) => ({
  code: `${district}-T${String(n).padStart(2, '0')}`,
  name: `${place}大客户${'一二三四'[n - 1]}组`,
});

function district(code: string, place: string, idRegion: string, accountManagers: number, teams: number): DemoDistrict {
  const suffix = place.endsWith('县') ? '分公司' : '营业部';
  return {
    code,
    name: `${place}${suffix}`,
    place,
    idRegion,
    accountManagers,
    teams: Array.from({ length: teams }, (_, i) => team(code, i + 1, place)),
  };
}

export const DEMO_CITY_MAIN: DemoCity = {
  code: 'DEMO-01',
  name: '江州市分公司',
  place: '江州市',
  short: '江州',
  customerNoPrefix: '1001',
  areaCode: '0199',
  circuitCode: 'JZ',
  districts: [
    district('DEMO-01-01', '城东区', '369902', 8, 2),
    district('DEMO-01-02', '城西区', '369903', 7, 2),
    district('DEMO-01-03', '江北区', '369904', 6, 2),
    district('DEMO-01-04', '南湖区', '369905', 5, 1),
    district('DEMO-01-05', '临江县', '369921', 4, 1),
    district('DEMO-01-06', '青山县', '369922', 4, 1),
  ],
};

export const DEMO_CITY_SECOND: DemoCity = {
  code: 'DEMO-02',
  name: '云山市分公司',
  place: '云山市',
  short: '云山',
  customerNoPrefix: '1002',
  areaCode: '0198',
  circuitCode: 'YS',
  districts: [
    district('DEMO-02-01', '云山区', '369802', 0, 1),
    district('DEMO-02-02', '翠屏区', '369803', 0, 1),
    district('DEMO-02-03', '石门县', '369821', 0, 1),
  ],
};

export const DEMO_CITIES = [DEMO_CITY_MAIN, DEMO_CITY_SECOND] as const;

/** The deck's head count and per-AM highest averages (DOMAIN §3.6), used as load caps. */
export const DEMO_ACCOUNT_MANAGER_COUNT = 34;
export const DEMO_VIP_LOAD_LIMIT = 50;
export const DEMO_GUEST_LOAD_LIMIT = 300;

export const DEMO_GRADES = ['diamond', 'gold', 'silver', 'guest'] as const;
export type DemoGrade = (typeof DEMO_GRADES)[number];
export type GradeCounts = { readonly [G in DemoGrade]: number };

/** DEMO-01 as of 6 July 2007 [S1]. */
export const DEMO_MAIN_CITY_GRADES: GradeCounts = { diamond: 7, gold: 100, silver: 1252, guest: 8819 };

/**
 * The `account_manager` login's own book, carved out of the DEMO-01 totals above so the city still
 * adds up to 10,178; the rest is dealt to am01–am34.
 */
export const DEMO_PERSONA_BOOK: GradeCounts = { diamond: 1, gold: 4, silver: 25, guest: 200 };

/** DEMO-02, smaller, so city-scoped views visibly differ. */
export const DEMO_SECOND_CITY_GRADES: GradeCounts = { diamond: 1, gold: 8, silver: 87, guest: 704 };
/** DEMO-02 customers per extra AM (dm2am01, dm2am02); the remaining 贵宾 stay unassigned. */
export const DEMO_SECOND_CITY_AM_BOOK = { vip: 48, guest: 280 } as const;

export interface DemoPersona {
  readonly username: string;
  readonly displayName: string;
  readonly role: RoleCode;
  readonly orgUnit: string;
}

/** One login per role for demos and role-based tests; `admin` is created by the server. */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { username: 'province_manager', displayName: '陈建国', role: 'province_manager', orgUnit: 'DEMO' },
  { username: 'city_manager', displayName: '周敏', role: 'city_manager', orgUnit: 'DEMO-01' },
  { username: 'district_manager', displayName: '刘志强', role: 'district_manager', orgUnit: 'DEMO-01-01' },
  { username: 'team_lead', displayName: '黄晓燕', role: 'team_lead', orgUnit: 'DEMO-01-01-T01' },
  { username: 'account_manager', displayName: '王丽华', role: 'account_manager', orgUnit: 'DEMO-01-01-T01' },
  { username: 'phone_manager', displayName: '李静', role: 'phone_manager', orgUnit: 'DEMO-01-01-T01' },
  { username: 'outbound_agent', displayName: '张婷', role: 'outbound_agent', orgUnit: 'DEMO-01' },
  { username: 'analyst', displayName: '赵磊', role: 'analyst', orgUnit: 'DEMO' },
  { username: 'integration', displayName: '营业系统接口', role: 'integration', orgUnit: 'DEMO-01' },
];

export const DEMO_SECOND_CITY_MANAGERS = [
  { username: 'dm2am01', orgUnit: 'DEMO-02-01-T01', district: 'DEMO-02-01' },
  { username: 'dm2am02', orgUnit: 'DEMO-02-02-T01', district: 'DEMO-02-02' },
] as const;

/** Share of 贵宾 of the other DEMO-01-01-T01 AMs that the phone manager also serves. */
export const DEMO_PHONE_MANAGER_SHARE = 0.3;

/** Data is generated as of this business date (activation dates never pass it). */
export const DEMO_AS_OF = { year: 2026, month: 10, day: 31 } as const;

/**
 * The bill history: 24 months ending with the as-of month (2024-11 … 2026-10). Key accounts,
 * their member units and the retained customers that were ours are activated by the day before it
 * starts, so every in-network customer has all 24 bills; that also gives every key account the
 * tenure of at least a year that grading asks for (DOMAIN §3.1). Secondary lines come later.
 */
export const DEMO_BILL_MONTHS = 24;
export const DEMO_FIRST_BILL_MONTH = { year: 2024, month: 11 } as const;
/** Payments are seeded for the last three bill months; older bills carry their paid amount and date. */
export const DEMO_PAYMENT_MONTHS = 3;
export const DEMO_LATEST_CUSTOMER_ACTIVATION = { year: 2024, month: 10, day: 31 } as const;

/** Lowest average monthly bill per grade, in fen (DOMAIN §3.1 and §8 item 1; ¥150 for 贵宾 is a guess). */
export const DEMO_GRADE_MIN_MONTHLY_FEN: GradeCounts = { diamond: 170_000, gold: 70_000, silver: 30_000, guest: 15_000 };

/** Validity of the grades of the 2026 yearly re-grade (valid 1 Feb – 31 Jan, DOMAIN §3.2). */
export const DEMO_GRADE_VALIDITY = { from: '2026-02-01', to: '2027-01-31' } as const;

/** The group customer the 360 view is measured on: 200 lines and 24 months of bills. */
export const DEMO_SHOWCASE_LINES = 200;

/**
 * Retained-archive records (DOMAIN §2.2) beside the key accounts, per city: they carry grade 'none'
 * and so never touch the deck's figures above.
 */
export const DEMO_RETAINED = {
  'DEMO-01': { demoted: 18, churned: 18, moved_away: 8, closed: 4, potential: 12 },
  'DEMO-02': { demoted: 2, churned: 2, moved_away: 0, closed: 0, potential: 2 },
} as const;

/** The demo operator's competitors, as customers and bills name them. */
export const DEMO_COMPETITORS = ['中国电信', '中国联通', '中国广电'] as const;

export const DEMO_DEFAULT_SEED = 20070706;
