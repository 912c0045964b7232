/** The inputs of one unit's or region's score. */
export interface ScoreInputs {
  /** Share of new records submitted within the late threshold (null: no new records). */
  timeliness: number | null;
  /** Share of submitted rows accepted (null: no rows). */
  conformance: number | null;
  /** Registered and active but submitted nothing in the quarter (数据归集不到位). */
  silent: boolean;
  /** 应替未替 complaints about offices it supervises (or in the region). */
  certificateStillDemanded: number;
  /** Objections and complaints past their due date now. */
  overdue: number;
}

/** Points lost per 应替未替 complaint and per overdue case. */
export const SCORE_PENALTIES = { certificateStillDemanded: 5, overdue: 2 } as const;

/**
 * The assessment score (0–100), stated so that a unit can redo the arithmetic: the mean of
 * timeliness and conformance (whichever it has; a silent unit scores 0 on both) in percent, minus
 * SCORE_PENALTIES per 应替未替 complaint and per overdue case; never below 0. Null when there is
 * nothing to judge (no rows, not silent, no complaints, nothing overdue).
 */
export function assessmentScore(s: ScoreInputs): number | null {
  const shares = s.silent ? [0, 0] : [s.timeliness, s.conformance].filter((x): x is number => x !== null);
  const penalties =
    s.certificateStillDemanded * SCORE_PENALTIES.certificateStillDemanded + s.overdue * SCORE_PENALTIES.overdue;
  if (!shares.length && penalties === 0) return null;
  const base = shares.length ? (100 * shares.reduce((a, b) => a + b, 0)) / shares.length : 100;
  return Math.max(0, Math.round((base - penalties) * 10) / 10);
}

/** Ranks by score, highest first (1 = best); equal scores share a rank; unscored rows come last, unranked. */
export function rank<T extends { score: number | null; rank: number | null }>(rows: T[], key: (r: T) => string): T[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || key(a).localeCompare(key(b)));
  let last: number | null = null;
  let lastRank = 0;
  sorted.forEach((r, i) => {
    if (r.score === null) r.rank = null;
    else {
      lastRank = r.score === last ? lastRank : i + 1;
      last = r.score;
      r.rank = lastRank;
    }
  });
  return sorted;
}
