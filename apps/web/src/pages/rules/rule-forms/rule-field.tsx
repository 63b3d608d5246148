import { Form, InputNumber, type FormInstance } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabelKey } from './rule-labels';
import type { FieldPath } from './rule-paths';

/** What the draft editor knows about the body being edited: the domain validator's messages per field. */
export interface RuleIssuesApi {
  messagesAt(path: FieldPath): string[];
}
export const RuleIssuesContext = createContext<RuleIssuesApi>({ messagesAt: () => [] });

export const fieldTestId = (path: FieldPath) => `rule-field-${path.join('-')}`;

/**
 * Re-runs every body field's check: one change can fix or break another field's (tiers are compared
 * with their neighbours). Values set in code (rows added, a scheme switched) fire no change event, so
 * their callers run it too.
 */
export function recheckRuleFields(form: FormInstance): void {
  const names = form
    .getFieldsError()
    .map((field) => field.name)
    .filter((name) => name[0] === 'body');
  // After React has rendered the new rows, so their fields are registered.
  setTimeout(() => void form.validateFields(names).catch(() => undefined), 0);
}

interface RuleItemProps {
  path: FieldPath;
  /** Defaults to the field's own name (`rules.fields.<last key>`). */
  label?: ReactNode;
  children: ReactNode;
  /** Money is stored in fen and shown in yuan; multipliers in percent and shown as ×. */
  scale?: number;
  valuePropName?: string;
}

/**
 * One field of a rule body (form name `['body', ...path]`). Its only validation is the domain
 * validator the API runs, asked through the editor's context, so the message under a field is the
 * one the server would give.
 */
export function RuleItem({ path, label, children, scale = 1, valuePropName }: RuleItemProps) {
  const { t } = useTranslation();
  const issues = useContext(RuleIssuesContext);
  return (
    <Form.Item
      name={['body', ...path]}
      label={label ?? t(fieldLabelKey(path))}
      {...(valuePropName === undefined ? {} : { valuePropName })}
      {...(scale === 1
        ? {}
        : {
            getValueProps: (value: number | null | undefined) => ({ value: typeof value === 'number' ? value / scale : value }),
            normalize: (value: number | null) => (typeof value === 'number' ? Math.round(value * scale) : value),
          })}
      rules={[
        {
          validator: async () => {
            const messages = issues.messagesAt(path);
            if (messages.length > 0) throw new Error(messages.join('；'));
          },
        },
      ]}
    >
      {children}
    </Form.Item>
  );
}

export type NumberUnit = 'yuan' | 'times' | 'count' | 'months' | 'days' | 'years' | 'percent' | 'points';
const SCALE: Record<NumberUnit, number> = { yuan: 100, times: 100, count: 1, months: 1, days: 1, years: 1, percent: 1, points: 1 };

/** A number field in the unit people think in: yuan for fen, × for percent multipliers. */
export function RuleNumber({ path, unit = 'count', label }: { path: FieldPath; unit?: NumberUnit; label?: ReactNode }) {
  const { t } = useTranslation();
  const decimals = unit === 'yuan' || unit === 'times';
  return (
    <RuleItem path={path} scale={SCALE[unit]} {...(label === undefined ? {} : { label })}>
      <InputNumber
        data-testid={fieldTestId(path)}
        precision={decimals ? 2 : 0}
        step={unit === 'times' ? 0.5 : 1}
        style={{ width: '100%' }}
        {...(unit === 'yuan' ? { prefix: '¥' } : unit === 'count' ? {} : { suffix: t(`rules.units.${unit}`) })}
      />
    </RuleItem>
  );
}
