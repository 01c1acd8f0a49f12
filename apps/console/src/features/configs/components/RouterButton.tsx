import { Button, type ButtonProps } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

export interface RouterButtonProps {
  to: string;
  icon?: ReactNode;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  ariaLabel?: string;
  testId?: string;
  children: ReactNode;
}

// A button-looking link: a real <a href> (opens in a new tab with a middle click) that navigates
// inside the console on a plain click.
export function RouterButton({ to, icon, type, size, ariaLabel, testId, children }: RouterButtonProps) {
  const navigate = useNavigate();
  const follow = (event: MouseEvent<HTMLElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Button href={to} icon={icon} type={type} size={size} aria-label={ariaLabel} onClick={follow} data-testid={testId}>
      {children}
    </Button>
  );
}
