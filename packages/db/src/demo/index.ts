export {
  DEMO_ACCOUNT_MANAGER_COUNT,
  DEMO_CITIES,
  DEMO_DEFAULT_SEED,
  DEMO_GRADES,
  DEMO_GUEST_LOAD_LIMIT,
  DEMO_MAIN_CITY_GRADES,
  DEMO_PERSONA_BOOK,
  DEMO_PERSONAS,
  DEMO_PROVINCE,
  DEMO_SECOND_CITY_GRADES,
  DEMO_SECOND_CITY_MANAGERS,
  DEMO_VIP_LOAD_LIMIT,
  type DemoGrade,
  type DemoPersona,
  type GradeCounts,
} from './demo-catalog';
export { ACCOUNT_MANAGER_USERNAMES, buildDemoPlan, type DemoPlan, type PlannedCustomer, type PlannedOrgUnit, type PlannedUser } from './demo-plan';
export { DemoAlreadySeededError, isDemoSeeded, seedDemo, type DemoSeedSummary, type SeedDemoOptions } from './demo-seed';
export { seededRandom, type SeededRandom } from './seeded-random';
