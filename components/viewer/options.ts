// The viewer's settings as plain data, shared by the DOM toolbar and the 3D scene.

export const RENDER_MODES = [
  { id: "textured", label: "Textured" },
  { id: "clay", label: "Clay" },
  { id: "wireframe", label: "Wireframe" },
] as const;
export type RenderMode = (typeof RENDER_MODES)[number]["id"];

export const LIGHTING_PRESETS = [
  { id: "studio", label: "Studio" },
  { id: "soft", label: "Soft" },
  { id: "dramatic", label: "Dramatic" },
  { id: "outdoor", label: "Outdoor" },
] as const;
export type LightingPreset = (typeof LIGHTING_PRESETS)[number]["id"];

export const BACKGROUNDS = [
  { id: "dark", label: "Dark" },
  { id: "light", label: "Light" },
  { id: "transparent", label: "Transparent" },
] as const;
export type BackgroundMode = (typeof BACKGROUNDS)[number]["id"];

/** Colours that depend on the background, so lines stay visible on either. */
export const BACKGROUND_THEME: Record<
  BackgroundMode,
  { clear: string | null; wire: string; gridCell: string; gridSection: string }
> = {
  dark: { clear: "#1c1c1c", wire: "#a3a3a3", gridCell: "#333333", gridSection: "#4d4d4d" },
  light: { clear: "#e5e5e5", wire: "#404040", gridCell: "#c4c4c4", gridSection: "#a3a3a3" },
  transparent: { clear: null, wire: "#a3a3a3", gridCell: "#3d3d3d", gridSection: "#575757" },
};

export function isOption<T extends string>(
  options: readonly { id: T }[],
  value: string,
): value is T {
  return options.some((option) => option.id === value);
}
