import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Form, Row, Table } from 'antd';
import { LOAD_TIERS } from '@patron/domain/rules/rule-set.types';
import { useTranslation } from 'react-i18next';
import { managersApi } from '../../../api/endpoints';
import type { ManagerLoad } from '../../../api/types';
import { RuleNumber } from './rule-field';

/**
 * Customers per account manager and tier; below HQ a set may only lower them. Beside the numbers, the
 * account managers of the owner's subtree whose present load the draft's limits would exceed: the
 * ones a re-grade would open reassignment tasks for.
 */
export function LoadLimitsForm({ ownerCode }: { ownerCode: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const vip = Form.useWatch(['body', 'vip'], { form, preserve: true }) as number | null | undefined;
  const guest = Form.useWatch(['body', 'guest'], { form, preserve: true }) as number | null | undefined;
  // An owner code being typed is not an org yet: the preview waits for one the server knows.
  const loads = useQuery({
    queryKey: ['manager-load', ownerCode],
    queryFn: ({ signal }) => managersApi.load({ orgUnit: ownerCode }, signal),
    enabled: ownerCode.length > 0,
    retry: false,
  });
  const over = (loads.data?.items ?? []).filter((m) => (typeof vip === 'number' && m.vip > vip) || (typeof guest === 'number' && m.guest > guest));
  return (
    <>
      <Alert type="info" showIcon title={t('rules.loadLimitsHint')} style={{ marginBottom: 16 }} />
      <Row gutter={12}>
        {LOAD_TIERS.map((tier) => (
          <Col key={tier} flex="1 1 200px">
            <RuleNumber path={[tier]} unit="count" />
          </Col>
        ))}
      </Row>
      {loads.data ? (
        <Alert
          data-testid="load-limits-impact"
          type={over.length > 0 ? 'warning' : 'success'}
          showIcon
          title={t('rules.loadLimitsImpact', { count: over.length, managers: loads.data.items.length, owner: ownerCode })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {over.length > 0 ? (
        <Table<ManagerLoad>
          size="small"
          rowKey="username"
          pagination={false}
          dataSource={over}
          columns={[
            { key: 'manager', title: t('rules.accountManager'), render: (_, m) => `${m.displayName}（${m.username}）` },
            { key: 'org', title: t('rules.orgUnit'), render: (_, m) => `${m.orgUnitName} ${m.orgUnit}` },
            { key: 'vip', title: t('rules.fields.vip'), align: 'right', render: (_, m) => `${m.vip} / ${vip ?? '—'}` },
            { key: 'guest', title: t('rules.fields.guest'), align: 'right', render: (_, m) => `${m.guest} / ${guest ?? '—'}` },
          ]}
        />
      ) : null}
    </>
  );
}
