import type { LookStats } from '../../domain/index.js';

/*
 * Thresholds on ffmpeg signalstats figures (8-bit): YAVG for brightness,
 * YHIGH-YLOW for contrast, SATAVG for saturation, UAVG/VAVG-128 for cast.
 */

export type Exposure = 'very dark' | 'dark' | 'normal' | 'bright' | 'very bright';

export function exposureOf(brightness: number): Exposure {
  if (brightness < 40) return 'very dark';
  if (brightness < 70) return 'dark';
  if (brightness <= 170) return 'normal';
  if (brightness <= 200) return 'bright';
  return 'very bright';
}

export function exposureVerdict(brightness: number | undefined): string {
  if (brightness === undefined) return 'not measured';
  switch (exposureOf(brightness)) {
    case 'very dark':
      return 'underexposed: lift exposure or shadows';
    case 'dark':
      return 'dark: fine for a moody look, otherwise lift the mid-tones';
    case 'normal':
      return 'well exposed';
    case 'bright':
      return 'bright: watch for clipped highlights';
    case 'very bright':
      return 'overexposed: pull down highlights and exposure';
  }
}

export function contrastVerdict(contrast: number | undefined): string {
  if (contrast === undefined) return 'not measured';
  if (contrast < 40) return 'flat: add contrast (an S-curve)';
  if (contrast < 70) return 'soft';
  if (contrast <= 160) return 'normal';
  return 'high: check crushed shadows and clipped highlights';
}

export function saturationVerdict(saturation: number | undefined): string {
  if (saturation === undefined) return 'not measured';
  if (saturation < 8) return 'almost monochrome';
  if (saturation < 20) return 'muted: add saturation or vibrance unless the look is deliberate';
  if (saturation <= 60) return 'natural';
  if (saturation <= 90) return 'vivid';
  return 'oversaturated: pull saturation down, skin tones suffer first';
}

export interface Cast {
  /** distance from neutral, in 8-bit chroma steps */
  strength: number;
  /** e.g. 'neutral', 'slight warm (orange)', 'strong blue' */
  label: string;
}

export function castOf(look: Partial<LookStats>): Cast | undefined {
  const { cast_u: u, cast_v: v } = look;
  if (u === undefined || v === undefined) return undefined;
  const strength = Math.hypot(u, v);
  if (strength < 3) return { strength, label: 'neutral' };
  let hue: string;
  if (Math.abs(v) > 2 * Math.abs(u)) hue = v > 0 ? 'red/magenta' : 'green';
  else if (Math.abs(u) > 2 * Math.abs(v)) hue = u > 0 ? 'blue' : 'yellow';
  else if (v > 0) hue = u < 0 ? 'warm (orange)' : 'magenta/purple';
  else hue = u > 0 ? 'cool (teal/cyan)' : 'yellow-green';
  return { strength, label: `${strength < 8 ? 'slight' : 'strong'} ${hue}` };
}

export function castVerdict(look: Partial<LookStats>): string {
  const cast = castOf(look);
  if (!cast) return 'not measured';
  if (cast.label === 'neutral') return 'neutral';
  return `${cast.label} cast${cast.strength >= 8 ? ': correct the white balance unless it is a deliberate grade' : ''}`;
}

/**
 * How good a frame from this look would be as a thumbnail, 0..1: well
 * exposed, contrasty and colourful, with no strong cast.
 */
export function thumbnailScore(look: Partial<LookStats>): number | undefined {
  if (look.brightness === undefined) return undefined;
  const exposure = Math.max(0, 1 - Math.abs(look.brightness - 130) / 110);
  const contrast = look.contrast === undefined ? 0.5 : Math.min(1, look.contrast / 130);
  const saturation =
    look.saturation === undefined ? 0.5 : look.saturation > 90 ? 0.7 : Math.min(1, look.saturation / 55);
  const cast = castOf(look);
  const castPenalty = cast && cast.strength >= 8 ? 0.1 : 0;
  return Math.max(0, 0.45 * exposure + 0.25 * contrast + 0.3 * saturation - castPenalty);
}

/** One line: "brightness 120 (well exposed), contrast 90 (normal), saturation 45 (natural), neutral colour". */
export function describeLook(look: Partial<LookStats>): string | undefined {
  const parts: string[] = [];
  const short = (verdict: string) => verdict.split(':')[0];
  if (look.brightness !== undefined) parts.push(`brightness ${look.brightness.toFixed(0)} (${short(exposureVerdict(look.brightness))})`);
  if (look.contrast !== undefined) parts.push(`contrast ${look.contrast.toFixed(0)} (${short(contrastVerdict(look.contrast))})`);
  if (look.saturation !== undefined) parts.push(`saturation ${look.saturation.toFixed(0)} (${short(saturationVerdict(look.saturation))})`);
  const cast = castOf(look);
  if (cast) parts.push(cast.label === 'neutral' ? 'neutral colour' : `${cast.label} cast`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
