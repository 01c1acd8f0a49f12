export interface LogoProps {
  color: string;
  size?: number;
}

export function Logo({ color, size = 26 }: LogoProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <rect width="16" height="16" rx="3.5" fill={color} />
      <path d="M4 5h8M4 8h8M4 11h5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
