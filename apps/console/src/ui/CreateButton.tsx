import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';

export interface CreateButtonProps {
  onClick: () => void;
  testId: string;
  children: ReactNode;
}

// The primary "add" button in a list page's header.
export function CreateButton({ onClick, testId, children }: CreateButtonProps) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}
