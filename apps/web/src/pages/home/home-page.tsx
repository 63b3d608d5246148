import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { dashboardApi, healthApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { grades } from '../../api/types';
import { dashboardPermissions, hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { useErrorText } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { gradeColors } from '../../styles/theme';
import { DashboardCharts } from './dashboard-charts';

function Dashboard() {
  const { t } = useTranslation();
  const labels = useLabels();
  const errorText = useErrorText();
  const { data, isPending, error } = useQuery({ queryKey: queryKeys.dashboard, queryFn: ({ signal }) => dashboardApi.summary(signal) });
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} xl={4}>
          <Card data-testid="grade-card-total">
            <Statistic title={t('home.totalCustomers')} value={data.total} />
          </Card>
        </Col>
        {grades.map((grade) => (
          <Col xs={12} md={8} xl={4} key={grade}>
            <Card data-testid={`grade-card-${grade}`} style={{ borderTop: `3px solid ${gradeColors[grade]}` }}>
              <Statistic title={labels.grade(grade)} value={data.byGrade[grade] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <DashboardCharts summary={data} />
    </>
  );
}

function SystemStatus() {
  const { t } = useTranslation();
  const { data } = useQuery({ queryKey: queryKeys.health, queryFn: ({ signal }) => healthApi.get(signal), retry: false });
  if (!data) return null;
  const ok = (value: string) => <Tag color={/^(ok|up|healthy|ready)$/i.test(value) ? 'success' : /down|error|fail|degraded/i.test(value) ? 'error' : 'default'}>{value}</Tag>;
  return (
    <Card title={t('home.systemStatus')} style={{ marginTop: 16 }} data-testid="system-status">
      <Descriptions column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('home.healthStatus')}>{ok(data.status)}</Descriptions.Item>
        <Descriptions.Item label={t('home.healthDatabase')}>{ok(data.database)}</Descriptions.Item>
        <Descriptions.Item label={t('home.healthVersion')}>{data.version}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const showDashboard = hasAnyPermission(user, dashboardPermissions);
  return (
    <PageContainer title={t('home.welcome', { name: user?.displayName ?? '' })} testId="home-page">
      {showDashboard ? <Dashboard /> : <Alert type="info" showIcon title={t('home.noDashboard')} data-testid="home-no-dashboard" />}
      {hasAnyPermission(user, ['system.manage']) ? <SystemStatus /> : null}
    </PageContainer>
  );
}
