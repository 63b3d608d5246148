import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { FullPageSpin, RequireAuth, RequirePage } from './auth/route-guards';
import { safeRedirect, useSession } from './auth/session';
import type { PageKey } from './auth/permissions';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './pages/errors/not-found-page';

// Pages are split into their own chunks; named exports are adapted to what React.lazy expects.
function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = lazyNamed(() => import('./pages/login/login-page'), 'LoginPage');
const HomePage = lazyNamed(() => import('./pages/home/home-page'), 'HomePage');
const CustomersPage = lazyNamed(() => import('./pages/customers/customers-page'), 'CustomersPage');
const CustomerDetailPage = lazyNamed(() => import('./pages/customers/customer-detail-page'), 'CustomerDetailPage');
const ImportPage = lazyNamed(() => import('./pages/customers/import-page'), 'ImportPage');
const ManagerLoadPage = lazyNamed(() => import('./pages/customers/manager-load-page'), 'ManagerLoadPage');
const OrgUnitsPage = lazyNamed(() => import('./pages/admin/org-units-page'), 'OrgUnitsPage');
const UsersPage = lazyNamed(() => import('./pages/admin/users-page'), 'UsersPage');
const RolesPage = lazyNamed(() => import('./pages/admin/roles-page'), 'RolesPage');
const ApiTokensPage = lazyNamed(() => import('./pages/admin/api-tokens-page'), 'ApiTokensPage');
const AuditPage = lazyNamed(() => import('./pages/admin/audit-page'), 'AuditPage');
const JobsPage = lazyNamed(() => import('./pages/admin/jobs-page'), 'JobsPage');
const WorkOrdersPage = lazyNamed(() => import('./pages/work-orders/work-orders-page'), 'WorkOrdersPage');
const WorkOrderDetailPage = lazyNamed(() => import('./pages/work-orders/work-order-detail-page'), 'WorkOrderDetailPage');
const WorkOrderBoardPage = lazyNamed(() => import('./pages/work-orders/work-order-board-page'), 'WorkOrderBoardPage');
const CompensationsPage = lazyNamed(() => import('./pages/work-orders/compensations-page'), 'CompensationsPage');
const SlaQuotePage = lazyNamed(() => import('./pages/sla/sla-quote-page'), 'SlaQuotePage');
const CalendarPage = lazyNamed(() => import('./pages/admin/calendar-page'), 'CalendarPage');
const ComplaintsPage = lazyNamed(() => import('./pages/complaints/complaints-page'), 'ComplaintsPage');
const ComplaintDetailPage = lazyNamed(() => import('./pages/complaints/complaint-detail-page'), 'ComplaintDetailPage');
const RevisitsPage = lazyNamed(() => import('./pages/complaints/revisits-page'), 'RevisitsPage');
const ComplaintMeasuresPage = lazyNamed(() => import('./pages/complaints/complaint-measures-page'), 'ComplaintMeasuresPage');
const OutboundQueuePage = lazyNamed(() => import('./pages/complaints/revisits-page'), 'OutboundQueuePage');
const QuestionnaireEditorPage = lazyNamed(() => import('./pages/surveys/questionnaire-editor-page'), 'QuestionnaireEditorPage');
const SurveySendPage = lazyNamed(() => import('./pages/surveys/survey-send-page'), 'SurveySendPage');
const PublicSurveyPage = lazyNamed(() => import('./pages/public/public-survey-page'), 'PublicSurveyPage');
const TmfHubsPage = lazyNamed(() => import('./pages/admin/tmf-hubs-page'), 'TmfHubsPage');
const PublicStatusPage = lazyNamed(() => import('./pages/public/public-status-page'), 'PublicStatusPage');
const RuleSetsPage = lazyNamed(() => import('./pages/rules/rule-sets-page'), 'RuleSetsPage');
const RuleSimulationPage = lazyNamed(() => import('./pages/rules/rule-simulation-page'), 'RuleSimulationPage');
const RegradePage = lazyNamed(() => import('./pages/rules/regrade-page'), 'RegradePage');
const PotentialAccountsPage = lazyNamed(() => import('./pages/rules/potential-accounts-page'), 'PotentialAccountsPage');
const PointsAdjustmentsPage = lazyNamed(() => import('./pages/rules/points-adjustments-page'), 'PointsAdjustmentsPage');
const RevisitMeasuresPage = lazyNamed(() => import('./pages/measures/revisit-measures-page'), 'RevisitMeasuresPage');
const SurveyMeasuresPage = lazyNamed(() => import('./pages/measures/survey-measures-page'), 'SurveyMeasuresPage');
const SurveyResponsesPage = lazyNamed(() => import('./pages/measures/survey-responses-page'), 'SurveyResponsesPage');
const NotificationsPage = lazyNamed(() => import('./pages/notifications/notifications-page'), 'NotificationsPage');

function guarded(page: PageKey, Page: ComponentType) {
  return (
    <RequirePage page={page}>
      <Page />
    </RequirePage>
  );
}

function LoginRoute() {
  const { user, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (user) return <Navigate to={safeRedirect((location.state as { from?: unknown } | null)?.from)} replace />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <LoginPage />
    </Suspense>
  );
}

function PublicRoute() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <PublicStatusPage />
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* The customer-facing status page: no session, no application shell. */}
      <Route path="/status/:trackingCode?" element={<PublicRoute />} />
      <Route
        path="/survey/:token"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicSurveyPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={guarded('home', HomePage)} />
        <Route path="customers" element={guarded('customers', CustomersPage)} />
        <Route path="customers/managers" element={guarded('customerManagers', ManagerLoadPage)} />
        <Route path="customers/import" element={guarded('customerImport', ImportPage)} />
        <Route path="customers/:customerId" element={guarded('customers', CustomerDetailPage)} />
        <Route path="work-orders" element={guarded('workOrders', WorkOrdersPage)} />
        <Route path="work-orders/board" element={guarded('workOrderBoard', WorkOrderBoardPage)} />
        <Route path="work-orders/compensations" element={guarded('compensations', CompensationsPage)} />
        <Route path="work-orders/:workOrderId" element={guarded('workOrders', WorkOrderDetailPage)} />
        <Route path="sla/quote" element={guarded('slaQuote', SlaQuotePage)} />
        <Route path="complaints" element={guarded('complaints', ComplaintsPage)} />
        <Route path="complaints/measures" element={guarded('complaintMeasures', ComplaintMeasuresPage)} />
        <Route path="complaints/:complaintId" element={guarded('complaints', ComplaintDetailPage)} />
        <Route path="revisits" element={guarded('revisits', RevisitsPage)} />
        <Route path="admin">
          <Route index element={<Navigate to="/" replace />} />
          <Route path="org-units" element={guarded('orgUnits', OrgUnitsPage)} />
          <Route path="users" element={guarded('users', UsersPage)} />
          <Route path="roles" element={guarded('roles', RolesPage)} />
          <Route path="api-tokens" element={guarded('apiTokens', ApiTokensPage)} />
          <Route path="audit" element={guarded('audit', AuditPage)} />
          <Route path="jobs" element={guarded('jobs', JobsPage)} />
          <Route path="calendar" element={guarded('calendar', CalendarPage)} />
          <Route path="tmf-hubs" element={guarded('tmfHubs', TmfHubsPage)} />
        </Route>
        <Route path="rules/sets" element={guarded('ruleSets', RuleSetsPage)} />
        <Route path="rules/sets/:id/simulate" element={guarded('ruleSets', RuleSimulationPage)} />
        <Route path="rules/regrade" element={guarded('regrade', RegradePage)} />
        <Route path="rules/potential" element={guarded('potential', PotentialAccountsPage)} />
        <Route path="rules/points-adjustments" element={guarded('pointsAdjustments', PointsAdjustmentsPage)} />
        <Route path="revisits/outbound" element={guarded('outboundQueue', OutboundQueuePage)} />
        <Route path="surveys/send" element={guarded('surveySend', SurveySendPage)} />
        <Route path="surveys/questionnaires" element={guarded('questionnaires', QuestionnaireEditorPage)} />
        <Route path="revisits/measures" element={guarded('revisitMeasures', RevisitMeasuresPage)} />
        <Route path="surveys/measures" element={guarded('surveyMeasures', SurveyMeasuresPage)} />
        <Route path="surveys/responses" element={guarded('surveyResponses', SurveyResponsesPage)} />
        <Route path="notifications" element={guarded('notifications', NotificationsPage)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
