// Small stroke icons for the viewer toolbar (16px, currentColor, hidden from assistive tech).
import type { ReactNode, SVGProps } from "react";

function Icon({ children, ...props }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width={16}
      height={16}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const TexturedIcon = () => (
  <Icon>
    <path d="M8 1.75 13.75 5v6L8 14.25 2.25 11V5z" />
    <path d="M2.25 5 8 8.25 13.75 5M8 8.25v6" />
    <path d="M5 3.5 10.9 6.7" opacity={0.5} />
  </Icon>
);

export const ClayIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.75" />
    <path d="M5 6.25a3.5 3.5 0 0 1 2.5-2" opacity={0.6} />
  </Icon>
);

export const WireframeIcon = () => (
  <Icon>
    <path d="M8 1.75 13.75 5v6L8 14.25 2.25 11V5z" />
    <path d="M2.25 5 8 8.25 13.75 5M8 8.25v6M2.25 11 8 8.25 13.75 11M8 1.75v6.5" />
  </Icon>
);

export const RotateIcon = () => (
  <Icon>
    <path d="M13.25 8A5.25 5.25 0 1 1 11.7 4.3" />
    <path d="M13.25 2.5v2.75H10.5" />
  </Icon>
);

export const GridIcon = () => (
  <Icon>
    <path d="M1.75 5.25h12.5M1.75 10.75h12.5M5.25 1.75v12.5M10.75 1.75v12.5" />
  </Icon>
);

export const ResetIcon = () => (
  <Icon>
    <path d="M2 5.5V2.25h3.25M14 5.5V2.25h-3.25M2 10.5v3.25h3.25M14 10.5v3.25h-3.25" />
    <circle cx="8" cy="8" r="2" />
  </Icon>
);

export const CameraIcon = () => (
  <Icon>
    <path d="M2 5.25c0-.55.45-1 1-1h1.9l1.1-1.5h4l1.1 1.5H13c.55 0 1 .45 1 1v6.5c0 .55-.45 1-1 1H3c-.55 0-1-.45-1-1z" />
    <circle cx="8" cy="8.25" r="2.25" />
  </Icon>
);

export const FullscreenIcon = ({ exit }: { exit?: boolean }) => (
  <Icon>
    {exit ? (
      <path d="M6 2v4H2M10 2v4h4M6 14v-4H2M10 14v-4h4" />
    ) : (
      <path d="M2 6V2h4M14 6V2h-4M2 10v4h4M14 10v4h-4" />
    )}
  </Icon>
);

export const DownloadIcon = () => (
  <Icon>
    <path d="M8 2v8M4.75 7 8 10.25 11.25 7M2.75 13.25h10.5" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon width={20} height={20}>
    <path d="M8 1.75 14.5 13.5h-13z" />
    <path d="M8 6.25v3.25M8 11.5v.01" />
  </Icon>
);
