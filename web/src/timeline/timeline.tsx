import { useId, useMemo } from 'react';
import { formatDuration } from '../components/format.js';
import { usePlayer } from '../videos/player-context.js';
import { citedMarkers, referenceLabels, referenceMarkers, type CitedMarker, type ReferenceMarker } from './timeline-events.js';
import { useFacts } from './use-facts.js';

/** One model's answer, to be read for the times it cites. */
export interface TimelineAnswer {
  modelId: string;
  name: string;
  text: string;
}

interface TimelineProps {
  videoId: string;
  durationS: number;
  answers: TimelineAnswer[];
}

function position(seconds: number, durationS: number): string {
  return `${(Math.min(Math.max(seconds, 0), durationS) / durationS) * 100}%`;
}

function Marker({ left, width, className, label, tip, seconds, videoId }: {
  left: string;
  width?: string;
  className: string;
  label: string;
  tip: string;
  seconds: number;
  videoId: string;
}) {
  const player = usePlayer();
  const tipId = useId();
  return (
    <button
      type="button"
      className={`tl-marker ${className}`}
      style={{ left, width }}
      aria-label={label}
      aria-describedby={tipId}
      data-seconds={seconds}
      onClick={() => player.seek(seconds, videoId)}
    >
      <span className="tl-marker__mark" aria-hidden="true" />
      <span className="tl-marker__tip" id={tipId} role="tooltip">
        {tip}
      </span>
    </button>
  );
}

function ReferenceRow({ markers, durationS, videoId }: { markers: ReferenceMarker[]; durationS: number; videoId: string }) {
  return (
    <div className="tl-row tl-row--reference" data-row="measured">
      <span className="tl-row__label">Measured</span>
      <div className="tl-row__track">
        {markers.map((m, i) => {
          const time = formatDuration(m.start_s);
          const span = m.end_s !== null ? `${time}–${formatDuration(m.end_s)}` : time;
          return (
            <Marker
              key={i}
              left={position(m.start_s, durationS)}
              width={m.end_s !== null ? `max(0.75rem, ${((m.end_s - m.start_s) / durationS) * 100}%)` : undefined}
              className={`tl-marker--ref tl-marker--${m.kind}${m.end_s !== null ? ' tl-marker--span' : ''}`}
              label={`${referenceLabels[m.kind]} at ${span}`}
              tip={`${referenceLabels[m.kind]} · ${span}`}
              seconds={m.start_s}
              videoId={videoId}
            />
          );
        })}
        {markers.length === 0 && <span className="tl-row__empty">no cuts, silences or black frames measured</span>}
      </div>
    </div>
  );
}

function AnswerRow({ answer, markers, durationS, videoId }: { answer: TimelineAnswer; markers: CitedMarker[]; durationS: number; videoId: string }) {
  const invented = markers.filter((m) => m.pastEnd).length;
  return (
    <div className="tl-row" data-row="model" data-model-id={answer.modelId}>
      <span className="tl-row__label" title={answer.name}>
        {/* the shorter of name and id: rows of one family ("Local analyzer: …") stay tellable apart */}
        {answer.modelId.length < answer.name.length ? answer.modelId : answer.name}
      </span>
      <div className="tl-row__track">
        {markers.map((m) => {
          const time = formatDuration(m.seconds);
          const state = m.pastEnd ? 'past the end of the video' : m.matches ? 'matches a measured event' : 'no measured event nearby';
          return (
            <Marker
              key={m.seconds}
              left={m.pastEnd ? 'calc(100% + 0.9rem)' : position(m.seconds, durationS)}
              className={`tl-marker--cited${m.pastEnd ? ' tl-marker--past-end' : m.matches ? ' tl-marker--agrees' : ''}`}
              label={`${answer.name} cites ${time} (${state})`}
              tip={`${time} · ${m.sentence}`}
              seconds={m.pastEnd ? durationS : m.seconds}
              videoId={videoId}
            />
          );
        })}
        {markers.length === 0 && <span className="tl-row__empty">cites no times</span>}
      </div>
      {invented > 0 && <span className="visually-hidden">{invented} cited times past the end</span>}
    </div>
  );
}

/**
 * The video as one horizontal line: measured events on the reference row,
 * and per model the times its answer cites. Agreement, and moments a model
 * invented, show at a glance; hovering a marker shows its sentence, clicking seeks.
 */
export function Timeline({ videoId, durationS, answers }: TimelineProps) {
  const facts = useFacts(videoId);
  const reference = useMemo(() => (facts.state === 'ready' ? referenceMarkers(facts.facts) : []), [facts]);
  const rows = useMemo(() => answers.map((a) => ({ answer: a, markers: citedMarkers(a.text, reference, durationS) })), [answers, reference, durationS]);
  const safeDuration = durationS > 0 ? durationS : 1;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="tl-legend" aria-hidden="true">
        <span><i className="tl-key tl-key--cut" /> cut</span>
        <span><i className="tl-key tl-key--span" /> silence / black / other span</span>
        <span><i className="tl-key tl-key--agrees" /> cited, matches</span>
        <span><i className="tl-key tl-key--cited" /> cited, nothing measured</span>
        <span><i className="tl-key tl-key--past-end" /> past the end</span>
      </div>
      {facts.state === 'loading' && <p className="hint">Measuring the video (cuts, silences, black frames)…</p>}
      {facts.state === 'failed' && <p className="hint">The measured events could not be loaded: {facts.error}</p>}
      {facts.state === 'ready' && <ReferenceRow markers={reference} durationS={safeDuration} videoId={videoId} />}
      {rows.map(({ answer, markers }) => (
        <AnswerRow key={answer.modelId} answer={answer} markers={markers} durationS={safeDuration} videoId={videoId} />
      ))}
      <div className="tl-row tl-row--scale" aria-hidden="true">
        <span className="tl-row__label" />
        <div className="tl-row__track">
          {ticks.map((t) => (
            <span key={t} className="tl-tick" style={{ left: `${t * 100}%` }}>
              {formatDuration(t * durationS)}
            </span>
          ))}
        </div>
      </div>
    </section>
  );
}
