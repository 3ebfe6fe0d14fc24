import type { ModelRatingView } from '../../../src/domain/index.js';

/** A rating as a dot on its 95 % interval, on a scale shared by every row. */
export function RatingWhisker({ rating, min, max }: { rating: ModelRatingView; min: number; max: number }) {
  const at = (value: number) => (max === min ? 50 : ((value - min) / (max - min)) * 100);
  return (
    <div className="whisker" role="img" aria-label={`${rating.rating} (95 % interval ${rating.ci_low} to ${rating.ci_high})`}>
      <span className="whisker__range" style={{ left: `${at(rating.ci_low)}%`, width: `${at(rating.ci_high) - at(rating.ci_low)}%` }} />
      <span className="whisker__dot" style={{ left: `${at(rating.rating)}%` }} />
    </div>
  );
}
