// Palettes for the sandbox's pictures: a mood and colour scheme picked by the prompt's style,
// built in OKLCH so every hue comes out equally light.
import { clamp01, lerp } from "./image-math";
import type { Rng } from "./prng";

export type Rgb = [number, number, number];

export interface Palette {
  skyTop: Rgb;
  skyHorizon: Rgb;
  sun: Rgb;
  cloud: Rgb;
  ridges: Rgb[];
  accents: Rgb[];
  water: Rgb;
}

const MOODS = [
  { top: 0.32, horizon: 0.78, chroma: 0.1 }, // dusk
  { top: 0.62, horizon: 0.9, chroma: 0.08 }, // day
  { top: 0.2, horizon: 0.5, chroma: 0.09 }, // night
  { top: 0.5, horizon: 0.86, chroma: 0.12 }, // dawn
  { top: 0.82, horizon: 0.94, chroma: 0.05 }, // mist
];
const SCHEMES = [30, 150, 180, 120, -40, 60];

export function makePalette(style: Rng): Palette {
  const hue = style() * 360;
  const accentHue = hue + SCHEMES[Math.floor(style() * SCHEMES.length)];
  const mood = MOODS[Math.floor(style() * MOODS.length)];
  const skyTop = oklch(mood.top, mood.chroma, hue + 20);
  const skyHorizon = oklch(mood.horizon, mood.chroma * 1.2, lerp(hue, accentHue, 0.5));
  const dark = mood.top < 0.4;
  const ridges = Array.from({ length: 4 }, (_, i) => {
    const near = i / 3;
    const lightness = lerp(mood.horizon * 0.8, dark ? 0.2 : 0.32, near);
    return oklch(lightness, lerp(0.04, 0.1, near), lerp(hue + 10, hue - 25, near));
  });
  return {
    skyTop,
    skyHorizon,
    sun: oklch(Math.min(0.97, mood.horizon + 0.12), 0.11, accentHue + 15),
    cloud: oklch(Math.min(0.98, mood.horizon + 0.08), 0.03, hue),
    ridges,
    accents: [
      oklch(0.78, 0.14, accentHue),
      oklch(0.68, 0.15, accentHue + 35),
      oklch(0.88, 0.08, hue - 30),
      oklch(0.62, 0.12, hue + 180),
    ],
    water: oklch(lerp(mood.top, mood.horizon, 0.4), mood.chroma, hue + 5),
  };
}

// OKLCH keeps palettes even in perceived lightness whatever the hue; out-of-gamut colours lose
// chroma rather than clipping to a different hue.
function oklch(l: number, c: number, hueDegrees: number): Rgb {
  const h = (hueDegrees * Math.PI) / 180;
  for (let chroma = c; ; chroma *= 0.85) {
    const a = chroma * Math.cos(h);
    const b = chroma * Math.sin(h);
    const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
    const lin = [
      4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
      -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
      -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
    ];
    if (chroma < 0.005 || lin.every((v) => v >= -0.001 && v <= 1.001)) {
      return lin.map((v) => {
        const x = clamp01(v);
        return x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
      }) as Rgb;
    }
  }
}
