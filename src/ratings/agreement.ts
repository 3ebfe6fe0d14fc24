/** Agreement of two raters labelling the same items, e.g. a judge and the human voters. */
export interface RaterAgreement {
  n: number;
  /** share of items given the same label; null when there are none */
  agreement: number | null;
  /** Cohen's κ: agreement corrected for chance; null when undefined (no items, or chance agreement is 1) */
  cohens_kappa: number | null;
}

/**
 * Observed agreement and Cohen's κ = (po − pe) / (1 − pe), where pe is the
 * agreement expected from each rater's own label frequencies.
 */
export function cohensKappa<T>(pairs: readonly (readonly [T, T])[]): RaterAgreement {
  const n = pairs.length;
  if (n === 0) return { n, agreement: null, cohens_kappa: null };
  const first = new Map<T, number>();
  const second = new Map<T, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    if (x === y) same++;
    first.set(x, (first.get(x) ?? 0) + 1);
    second.set(y, (second.get(y) ?? 0) + 1);
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, count] of first) expected += (count / n) * ((second.get(label) ?? 0) / n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { n, agreement: round4(observed), cohens_kappa: kappa === null ? null : round4(kappa) };
}

/** Ranks 1..n of the values (highest value gets rank 1), ties sharing their mean rank. */
export function rankDescending(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => y.value - x.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const mean = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].index] = mean;
    start = end + 1;
  }
  return ranks;
}

/**
 * Kendall's coefficient of concordance W (with the correction for ties) of
 * m raters scoring the same n items: 1 = identical rankings, 0 = no
 * agreement. `scores[r][i]` is rater r's score of item i. Null when it is
 * undefined (fewer than 2 raters or items, or every rater tied everything).
 */
export function kendallsW(scores: readonly (readonly number[])[]): number | null {
  const m = scores.length;
  const n = scores[0]?.length ?? 0;
  if (m < 2 || n < 2) return null;
  const rankSums = new Array<number>(n).fill(0);
  let tieCorrection = 0;
  for (const rater of scores) {
    const ranks = rankDescending(rater);
    ranks.forEach((rank, i) => (rankSums[i] += rank));
    const groups = new Map<number, number>();
    for (const rank of ranks) groups.set(rank, (groups.get(rank) ?? 0) + 1);
    for (const t of groups.values()) tieCorrection += t ** 3 - t;
  }
  const meanSum = (m * (n + 1)) / 2;
  const s = rankSums.reduce((total, r) => total + (r - meanSum) ** 2, 0);
  const denominator = m * m * (n ** 3 - n) - m * tieCorrection;
  return denominator === 0 ? null : round4((12 * s) / denominator);
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
