/** Whole minutes from filing to an end (decision, answer): what the handling-time statistics count. */
export const minutesBetween = (a: Date, b: Date): number =>
  Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));
