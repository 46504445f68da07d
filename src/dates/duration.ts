/** A span such as `2d` or `90s`, kept with its text so it can be shown back as the user wrote it. */
export interface Duration {
  text: string;
  ms: number;
}

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_PATTERN = /^(\d{1,6})\s*([smhdw])$/i;

export function parseDuration(raw: string): Duration | undefined {
  const match = DURATION_PATTERN.exec(raw.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  return { text: `${amount}${unit}`, ms: amount * UNIT_MS[unit]! };
}
