// The viewer's toolbar: render modes, view toggles, lighting and background, capture.
import { useId, type ReactNode } from "react";
import {
  CameraIcon,
  ClayIcon,
  FullscreenIcon,
  GridIcon,
  ResetIcon,
  RotateIcon,
  TexturedIcon,
  WireframeIcon,
} from "./icons";
import {
  BACKGROUNDS,
  LIGHTING_PRESETS,
  RENDER_MODES,
  isOption,
  type BackgroundMode,
  type LightingPreset,
  type RenderMode,
} from "./options";

export interface ViewerToolbarProps {
  mode: RenderMode;
  onModeChange: (mode: RenderMode) => void;
  autoRotate: boolean;
  onAutoRotateChange: (on: boolean) => void;
  grid: boolean;
  onGridChange: (on: boolean) => void;
  lighting: LightingPreset;
  onLightingChange: (preset: LightingPreset) => void;
  background: BackgroundMode;
  onBackgroundChange: (background: BackgroundMode) => void;
  onResetView: () => void;
  onScreenshot: () => void;
  fullscreen: { supported: boolean; active: boolean; onToggle: () => void };
  /** A model is on screen: everything that acts on it is enabled. */
  modelReady: boolean;
  /** The 3D view exists at all (false after a fatal error). */
  sceneAvailable: boolean;
}

const MODE_ICONS: Record<RenderMode, () => ReactNode> = {
  textured: TexturedIcon,
  clay: ClayIcon,
  wireframe: WireframeIcon,
};

export function ViewerToolbar(props: ViewerToolbarProps) {
  const { mode, modelReady, sceneAvailable, fullscreen } = props;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-2 border-b border-neutral-800 bg-neutral-900 px-3 py-2">
      <div
        role="group"
        aria-label="Render mode"
        className="flex items-center gap-0.5 rounded-lg border border-neutral-800 bg-neutral-950 p-0.5"
      >
        {RENDER_MODES.map(({ id, label }) => {
          const ModeIcon = MODE_ICONS[id];
          return (
            <ToolButton
              key={id}
              pressed={mode === id}
              disabled={!modelReady}
              // Pressing the active mode again goes back to the textured model.
              onClick={() => props.onModeChange(mode === id ? "textured" : id)}
              icon={<ModeIcon />}
              label={label}
              alwaysShowLabel
            />
          );
        })}
      </div>

      <Divider />
      <ToolButton
        pressed={props.autoRotate}
        disabled={!modelReady}
        onClick={() => props.onAutoRotateChange(!props.autoRotate)}
        icon={<RotateIcon />}
        label="Auto-rotate"
      />
      <ToolButton
        pressed={props.grid}
        disabled={!sceneAvailable}
        onClick={() => props.onGridChange(!props.grid)}
        icon={<GridIcon />}
        label="Grid"
      />
      <ToolButton
        disabled={!modelReady}
        onClick={props.onResetView}
        icon={<ResetIcon />}
        label="Reset view"
      />

      <Divider />
      <Select
        label="Lighting"
        value={props.lighting}
        options={LIGHTING_PRESETS}
        disabled={!sceneAvailable}
        onChange={(value) => {
          if (isOption(LIGHTING_PRESETS, value)) props.onLightingChange(value);
        }}
      />
      <Select
        label="Background"
        value={props.background}
        options={BACKGROUNDS}
        disabled={!sceneAvailable}
        onChange={(value) => {
          if (isOption(BACKGROUNDS, value)) props.onBackgroundChange(value);
        }}
      />

      <div className="ml-auto flex items-center gap-1">
        <ToolButton
          disabled={!modelReady}
          onClick={props.onScreenshot}
          icon={<CameraIcon />}
          label="Screenshot"
        />
        <ToolButton
          pressed={fullscreen.active}
          disabled={!fullscreen.supported}
          onClick={fullscreen.onToggle}
          icon={<FullscreenIcon exit={fullscreen.active} />}
          label="Fullscreen"
        />
      </div>
    </div>
  );
}

function ToolButton({
  label,
  icon,
  pressed,
  disabled,
  onClick,
  alwaysShowLabel = false,
}: {
  label: string;
  icon: ReactNode;
  /** Omit for plain actions; a boolean makes the button a toggle (aria-pressed). */
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  alwaysShowLabel?: boolean;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
      title={label}
      className="inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-neutral-400 transition-colors hover:bg-neutral-800 hover:text-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent disabled:hover:text-neutral-400 aria-pressed:bg-neutral-800 aria-pressed:text-neutral-50 aria-pressed:shadow-[inset_0_0_0_1px_var(--color-neutral-700)]"
    >
      {icon}
      {/* The text stays in the accessibility tree even where only the icon shows. */}
      <span className={alwaysShowLabel ? undefined : "sr-only xl:not-sr-only"}>{label}</span>
    </button>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  disabled,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { id: T; label: string }[];
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label
        htmlFor={id}
        className="text-[11px] font-medium uppercase tracking-wider text-neutral-500"
      >
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className="h-8 rounded-md border border-neutral-800 bg-neutral-950 pr-7 pl-2 text-xs text-neutral-200 hover:border-neutral-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 disabled:opacity-40"
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Divider() {
  return <span aria-hidden="true" className="mx-1 h-5 w-px bg-neutral-800" />;
}
