import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Row, Select, Skeleton, Switch, Tag, Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgUnitsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { OrgUnit, OrgUnitKind } from '../../api/types';
import { useOrgUnits } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { buildOrgTree, childKindOf, collectCodes, filterOrgTree, type OrgTreeNode } from '../../lib/org-tree';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { buttonTestId } from '../../lib/test-id';

interface CreateForm {
  code: string;
  name: string;
  kind: OrgUnitKind;
}

interface EditForm {
  name: string;
  active: boolean;
  sortOrder: number;
}

function CreateChildModal({ parent, onClose, onCreated }: { parent: OrgUnit; onClose: () => void; onCreated: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<CreateForm>();
  const childKind = childKindOf(parent.kind);
  const create = useMutation({
    mutationFn: (values: CreateForm) => orgUnitsApi.create({ ...values, kind: childKind ?? values.kind, parentCode: parent.code }),
    onSuccess: onCreated,
    onError: (error) => applyFieldErrors(form, error, ['code', 'name', 'kind']),
  });
  return (
    <Modal
      open
      title={t('orgUnits.createChildTitle', { parent: parent.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ ...buttonTestId('org-unit-create-submit'), disabled: !childKind }}
      destroyOnHidden
    >
      <FormErrorAlert error={create.error} />
      {!childKind ? (
        <Empty description={t('orgUnits.noChildKinds')} />
      ) : (
        <Form<CreateForm> form={form} layout="vertical" initialValues={{ kind: childKind }} onFinish={(values) => create.mutate({ ...values, code: values.code.trim(), name: values.name.trim() })}>
          <Form.Item label={t('orgUnits.parent')}>
            <Input value={`${parent.name} (${parent.code})`} disabled />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('orgUnits.code')}
            rules={[
              { required: true, whitespace: true, message: t('orgUnits.codeRequired') },
              { pattern: /^[A-Z0-9][A-Z0-9-]{0,39}$/, message: t('orgUnits.codePattern') },
            ]}
            normalize={(value: string) => value.toUpperCase()}
          >
            <Input data-testid="org-unit-form-code" placeholder={`${parent.code}-01`} maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label={t('orgUnits.name')} rules={[{ required: true, whitespace: true, message: t('orgUnits.nameRequired') }]}>
            <Input data-testid="org-unit-form-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t('orgUnits.kind')} rules={[{ required: true, message: t('orgUnits.kindRequired') }]}>
            <Select data-testid="org-unit-form-kind" disabled options={[{ value: childKind, label: labels.orgKind(childKind) }]} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function EditModal({ unit, onClose, onSaved }: { unit: OrgUnit; onClose: () => void; onSaved: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditForm>();
  const update = useMutation({
    mutationFn: (values: EditForm) => orgUnitsApi.update(unit.code, values),
    onSuccess: onSaved,
    onError: (error) => applyFieldErrors(form, error, ['name', 'active', 'sortOrder']),
  });
  return (
    <Modal
      open
      title={t('orgUnits.editTitle', { name: unit.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={buttonTestId('org-unit-edit-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={update.error} />
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{ name: unit.name, active: unit.active, sortOrder: unit.sortOrder }}
        onFinish={(values) => update.mutate({ ...values, name: values.name.trim() })}
      >
        <Form.Item name="name" label={t('orgUnits.name')} rules={[{ required: true, whitespace: true, message: t('orgUnits.nameRequired') }]}>
          <Input data-testid="org-unit-form-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('orgUnits.sortOrder')}>
          <InputNumber precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="active" label={t('orgUnits.active')} valuePropName="checked">
          <Switch data-testid="org-unit-form-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function toTreeNodes(nodes: OrgTreeNode[], kindLabel: (kind: string) => string, inactiveLabel: string): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.unit.code,
    title: (
      <span data-testid={`org-node-${node.unit.code}`}>
        {node.unit.name}
        <span style={{ color: 'rgba(0,0,0,0.45)', marginLeft: 6, fontSize: 12 }}>
          {node.unit.code} · {kindLabel(node.unit.kind)}
        </span>
        {node.unit.active ? null : (
          <Tag style={{ marginLeft: 6 }} color="default">
            {inactiveLabel}
          </Tag>
        )}
      </span>
    ),
    children: toTreeNodes(node.children, kindLabel, inactiveLabel),
  }));
}

export function OrgUnitsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, isPending, error } = useOrgUnits();
  const [keyword, setKeyword] = useState('');
  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'create' | 'edit' | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  const units = useMemo(() => data?.items ?? [], [data]);
  const tree = useMemo(() => buildOrgTree(units), [units]);
  const visibleTree = useMemo(() => filterOrgTree(tree, keyword), [tree, keyword]);
  const treeData = useMemo(() => toTreeNodes(visibleTree, labels.orgKind, t('common.inactive')), [visibleTree, labels, t]);
  const selected = units.find((u) => u.code === selectedCode) ?? null;
  const parent = selected?.parentCode ? units.find((u) => u.code === selected.parentCode) : undefined;

  useEffect(() => {
    // Open the top levels once loaded; a search opens every branch that leads to a match.
    if (keyword) setExpanded(collectCodes(visibleTree));
    else if (tree.length) setExpanded((current) => (current.length ? current : collectCodes(tree, 3)));
  }, [tree, visibleTree, keyword]);

  const refresh = async (unit: OrgUnit, note: string) => {
    setDialog(null);
    setSelectedCode(unit.code);
    void message.success(note);
    await queryClient.invalidateQueries({ queryKey: queryKeys.orgUnits });
  };

  return (
    <PageContainer title={t('orgUnits.title')} testId="org-units-page">
      <FormErrorAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card>
            <Input.Search allowClear placeholder={t('orgUnits.searchPlaceholder')} onChange={(e) => setKeyword(e.target.value)} style={{ marginBottom: 12 }} data-testid="org-units-search" />
            {isPending ? (
              <Skeleton active />
            ) : (
              <Tree
                data-testid="org-units-tree"
                showLine
                blockNode
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedCode ? [selectedCode] : []}
                onSelect={(keys) => setSelectedCode(keys[0] === undefined ? null : String(keys[0]))}
                height={560}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={selected ? selected.name : <span><ApartmentOutlined /> {t('orgUnits.title')}</span>}
            extra={
              selected ? (
                <>
                  <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} disabled={!childKindOf(selected.kind)} data-testid="org-unit-create-child" style={{ marginRight: 8 }}>
                    {t('orgUnits.createChild')}
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="org-unit-edit">
                    {t('common.edit')}
                  </Button>
                </>
              ) : null
            }
          >
            {selected ? (
              <Descriptions column={1} bordered size="small" data-testid="org-unit-details">
                <Descriptions.Item label={t('orgUnits.code')}>
                  <span className="patron-mono">{selected.code}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.name')}>{selected.name}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.kind')}>{labels.orgKind(selected.kind)}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.parent')}>{parent ? `${parent.name} (${parent.code})` : t('common.empty')}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.path')}>
                  <span className="patron-mono">{selected.path}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.sortOrder')}>{selected.sortOrder}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.active')}>
                  <Tag color={selected.active ? 'success' : 'default'}>{selected.active ? t('common.active') : t('common.inactive')}</Tag>
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description={t('orgUnits.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
      {selected && dialog === 'create' ? <CreateChildModal parent={selected} onClose={() => setDialog(null)} onCreated={(unit) => void refresh(unit, t('orgUnits.created'))} /> : null}
      {selected && dialog === 'edit' ? <EditModal unit={selected} onClose={() => setDialog(null)} onSaved={(unit) => void refresh(unit, t('orgUnits.updated'))} /> : null}
    </PageContainer>
  );
}
