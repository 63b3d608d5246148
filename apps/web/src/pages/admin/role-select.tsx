import { Select, type SelectProps } from 'antd';
import { roleCodes } from '../../api/types';
import { useLabels } from '../../lib/use-labels';

// All ten roles fit without scrolling, so the list is not virtualised and every option stays in the DOM.
export function RoleSelect({ testId, ...props }: Omit<SelectProps<string | string[]>, 'options'> & { testId?: string }) {
  const labels = useLabels();
  return (
    <Select
      data-testid={testId}
      virtual={false}
      listHeight={400}
      // rc-select copies data-* keys of an option onto its row, so tests can pick roles by code.
      options={roleCodes.map((code) => ({ value: code, label: labels.role(code), 'data-testid': `role-option-${code}` }))}
      {...props}
    />
  );
}
