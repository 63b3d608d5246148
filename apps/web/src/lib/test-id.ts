import type { ButtonProps } from 'antd';
import type { HTMLAttributes } from 'react';

// For props objects (okButtonProps, onRow) whose declared types do not list data-* keys; React
// passes data-* attributes through to the DOM all the same.
export function buttonTestId(id: string): ButtonProps {
  return { 'data-testid': id } as ButtonProps;
}

export function rowTestId(id: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': id } as HTMLAttributes<HTMLElement>;
}
