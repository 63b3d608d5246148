import { billsTarget } from './bills.target';
import { customersTarget } from './customers.target';
import type { ImportKind, ImportTarget } from './import-target';
import { linesTarget } from './lines.target';
import { paymentsTarget } from './payments.target';
import { suspensionsTarget } from './suspensions.target';

export const IMPORT_TARGETS: { readonly [K in ImportKind]: ImportTarget } = {
  customers: customersTarget,
  lines: linesTarget,
  bills: billsTarget,
  payments: paymentsTarget,
  suspensions: suspensionsTarget,
};
