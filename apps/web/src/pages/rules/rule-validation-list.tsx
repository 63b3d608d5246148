import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';

// The server reports every rule problem at its path (body.body.tiers[1].minAverageFen): list them all.
export function RuleValidationList({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.details.length === 0) return null;
  return (
    <Alert
      data-testid="rule-validation"
      type="error"
      showIcon
      title={t('rules.validationTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {error.details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              <code>{detail.path.replace(/^body\.body\.?/, '')}</code> {detail.message}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
