import { useQuery } from '@tanstack/react-query';
import { TreeSelect, Typography, type TreeSelectProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { orgUnitsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { buildOrgTree, collectCodes, toTreeSelectData, type OrgTreeSelectNode } from '../lib/org-tree';

type TitledNode = Omit<OrgTreeSelectNode, 'children'> & { title: ReactNode; children: TitledNode[] };

// The dropdown shows the code beside the name; the chosen value shows just the name (`label`).
function withTitles(nodes: OrgTreeSelectNode[]): TitledNode[] {
  return nodes.map((node) => ({
    ...node,
    title: (
      <span data-testid={`org-option-${node.value}`}>
        {node.label}
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
          {node.value}
        </Typography.Text>
      </span>
    ),
    children: withTitles(node.children),
  }));
}

type Props = Omit<TreeSelectProps<string>, 'treeData' | 'showSearch'> & { testId?: string; disableInactive?: boolean };

export function useOrgUnits() {
  return useQuery({ queryKey: queryKeys.orgUnits, queryFn: ({ signal }) => orgUnitsApi.list(signal), staleTime: 5 * 60_000 });
}

// Searchable by name or code, because users know their team by name and integrators by code.
export function OrgUnitTreeSelect({ testId, disableInactive = true, ...props }: Props) {
  const { data, isPending } = useOrgUnits();
  const tree = useMemo(() => buildOrgTree(data?.items ?? []), [data]);
  const treeData = useMemo(() => withTitles(toTreeSelectData(tree, { disableInactive })), [tree, disableInactive]);
  const expanded = useMemo(() => collectCodes(tree, 2), [tree]);
  return (
    <TreeSelect<string>
      data-testid={testId}
      loading={isPending}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      showSearch={{ treeNodeFilterProp: 'searchText' }}
      treeNodeLabelProp="label"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320, maxHeight: 420 } } }}
      {...props}
    />
  );
}
