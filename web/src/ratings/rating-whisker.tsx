import type { ModelRatingView } from '../../../src/domain/index.js';

/** A rating as a dot on its 95 % interval, on a scale shared by every row. */
export function RatingWhisker({ rating, min, max }: { rating: ModelRatingView; min: number; max: number }) {
  const x = (value: number) => (max === min ? 50 : ((value - min) / (max - min)) * 100);
  return (
    <svg className="whisker" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label={`${rating.rating} (95 % interval ${rating.ci_low} to ${rating.ci_high})`}>
      <line x1={x(rating.ci_low)} x2={x(rating.ci_high)} y1="6" y2="6" className="whisker__range" />
      <line x1={x(rating.ci_low)} x2={x(rating.ci_low)} y1="2" y2="10" className="whisker__cap" />
      <line x1={x(rating.ci_high)} x2={x(rating.ci_high)} y1="2" y2="10" className="whisker__cap" />
      <circle cx={x(rating.rating)} cy="6" r="2.4" className="whisker__dot" />
    </svg>
  );
}
