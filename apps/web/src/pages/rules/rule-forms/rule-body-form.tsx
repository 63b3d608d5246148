import type { RuleKind } from '../../../api/rules';
import { CreditForm } from './credit-form';
import { GradingForm } from './grading-form';
import { LoadLimitsForm } from './load-limits-form';
import { PointsForm } from './points-form';
import { PotentialForm } from './potential-form';
import { StarForm } from './star-form';

/** The form for one kind's body; its fields live under the editor form's `body`. */
export function RuleBodyForm({ kind, ownerCode }: { kind: RuleKind; ownerCode: string }) {
  switch (kind) {
    case 'grading':
      return <GradingForm />;
    case 'star':
      return <StarForm />;
    case 'credit':
      return <CreditForm />;
    case 'points':
      return <PointsForm />;
    case 'potential':
      return <PotentialForm />;
    case 'load_limits':
      return <LoadLimitsForm ownerCode={ownerCode} />;
  }
}
