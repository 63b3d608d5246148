import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Flex, Form, Modal, Row, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { dataScopes, piiFields, type DataScope, type Role } from '../../api/types';
import { knownPermissions, permissionGroups, type PermissionGroup } from '../../auth/permissions';
import { PageContainer } from '../../components/page-container';
import { buttonTestId, rowTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';

interface RoleForm {
  dataScope: DataScope;
  unmaskedFields: string[];
  unmaskableFields: string[];
  permissions: string[];
}

function RoleEditModal({ role, onClose, onSaved }: { role: Role; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<RoleForm>();
  const save = useMutation({
    mutationFn: (values: RoleForm) => rolesApi.update(role.code, values),
    onSuccess: onSaved,
    onError: (error) => applyFieldErrors(form, error, ['dataScope', 'unmaskedFields', 'unmaskableFields', 'permissions']),
  });
  // Permissions the server knows but this build does not name still appear, under their codes.
  const extra = role.permissions.filter((p) => !(knownPermissions as readonly string[]).includes(p));
  const groups = Object.entries(permissionGroups) as [PermissionGroup, readonly string[]][];
  const fieldOptions = piiFields.map((field) => ({ value: field, label: labels.piiField(field) }));

  return (
    <Modal
      open
      width={720}
      title={t('rolesAdmin.editTitle', { name: labels.role(role.code) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('role-form-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form<RoleForm>
        form={form}
        layout="vertical"
        initialValues={{ dataScope: role.dataScope, unmaskedFields: role.unmaskedFields, unmaskableFields: role.unmaskableFields, permissions: role.permissions }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="dataScope" label={t('rolesAdmin.columns.dataScope')}>
          <Select data-testid="role-form-dataScope" options={dataScopes.map((scope) => ({ value: scope, label: labels.dataScope(scope) }))} style={{ width: 280 }} />
        </Form.Item>
        <Alert type="info" showIcon title={t('rolesAdmin.fieldPolicyHint')} style={{ marginBottom: 16 }} />
        <Form.Item name="unmaskedFields" label={t('rolesAdmin.columns.unmaskedFields')}>
          <Checkbox.Group options={fieldOptions} data-testid="role-form-unmasked" />
        </Form.Item>
        <Form.Item name="unmaskableFields" label={t('rolesAdmin.columns.unmaskableFields')}>
          <Checkbox.Group options={fieldOptions} data-testid="role-form-unmaskable" />
        </Form.Item>
        <Divider titlePlacement="start">{t('rolesAdmin.columns.permissions')}</Divider>
        <Form.Item name="permissions" noStyle>
          <Checkbox.Group style={{ width: '100%' }} data-testid="role-form-permissions">
            <Flex vertical gap={12} style={{ width: '100%' }}>
              {groups.map(([group, codes]) => (
                <div key={group}>
                  <Typography.Text type="secondary">{t(`permissionGroups.${group}`)}</Typography.Text>
                  <Row gutter={[8, 4]} style={{ marginTop: 4 }}>
                    {codes.map((code) => (
                      <Col span={12} key={code}>
                        <Tooltip title={code}>
                          <Checkbox value={code} data-testid={`permission-${code}`}>
                            {labels.permission(code)}
                          </Checkbox>
                        </Tooltip>
                      </Col>
                    ))}
                  </Row>
                </div>
              ))}
              {extra.length ? (
                <Row gutter={[8, 4]}>
                  {extra.map((code) => (
                    <Col span={12} key={code}>
                      <Checkbox value={code}>{code}</Checkbox>
                    </Col>
                  ))}
                </Row>
              ) : null}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RolesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Role | null>(null);
  const { data, isFetching, error } = useQuery({ queryKey: queryKeys.roles, queryFn: ({ signal }) => rolesApi.list(signal) });

  const tags = (codes: string[], label: (code: string) => string, color?: string) =>
    codes.length ? (
      <Flex gap={4} wrap>
        {codes.map((code) => (
          <Tag key={code} color={color}>
            {label(code)}
          </Tag>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
    );

  const columns: TableColumnsType<Role> = [
    {
      key: 'name',
      title: t('rolesAdmin.columns.name'),
      width: 180,
      render: (_, role) => (
        <>
          <div>{labels.role(role.code)}</div>
          <Typography.Text type="secondary" className="patron-mono" style={{ fontSize: 12 }}>
            {role.code}
          </Typography.Text>
        </>
      ),
    },
    { key: 'dataScope', title: t('rolesAdmin.columns.dataScope'), width: 150, render: (_, role) => <Tag color="geekblue">{labels.dataScope(role.dataScope)}</Tag> },
    { key: 'unmasked', title: t('rolesAdmin.columns.unmaskedFields'), width: 160, render: (_, role) => tags(role.unmaskedFields, labels.piiField, 'orange') },
    { key: 'unmaskable', title: t('rolesAdmin.columns.unmaskableFields'), width: 200, render: (_, role) => tags(role.unmaskableFields, labels.piiField, 'gold') },
    { key: 'permissions', title: t('rolesAdmin.columns.permissions'), render: (_, role) => tags(role.permissions, labels.permission) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      fixed: 'right',
      render: (_, role) => (
        <Button type="link" size="small" onClick={() => setEditing(role)} data-testid={`role-edit-${role.code}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title={t('rolesAdmin.title')} testId="roles-page">
      <Card>
        <FormErrorAlert error={error} />
        <Table<Role>
          data-testid="roles-table"
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(role) => rowTestId(`role-row-${role.code}`)}
        />
      </Card>
      {editing ? (
        <RoleEditModal
          role={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void message.success(t('rolesAdmin.updated'));
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
          }}
        />
      ) : null}
    </PageContainer>
  );
}
