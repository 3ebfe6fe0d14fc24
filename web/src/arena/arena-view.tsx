import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/client.js';
import { Notice } from '../components/notice.js';
import { AnswerMarkdown } from '../results/answer-markdown.js';
import { usePlayer } from '../videos/player-context.js';
import { useVideos } from '../videos/use-videos.js';
import { VideoPlayer } from '../videos/video-player.js';
import { arenaApi, type ArenaPairView, type ArenaVoteResult, type ArenaWinner } from './arena-api.js';
import './arena.css';

const choices: { key: string; winner: ArenaWinner; label: string }[] = [
  { key: '1', winner: 'a', label: 'A is better' },
  { key: '2', winner: 'b', label: 'B is better' },
  { key: '3', winner: 'tie', label: 'Tie' },
  { key: '4', winner: 'both_bad', label: 'Both are bad' },
];

const inTextField = (target: EventTarget | null) => target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);

/**
 * The blind arena: two answers to the same video and prompt, with nothing
 * saying which model wrote them; vote with the buttons or keys 1–4, then the
 * models are revealed.
 */
export function ArenaView() {
  const videos = useVideos();
  const player = usePlayer();
  const [pair, setPair] = useState<ArenaPairView | null | undefined>(undefined);
  const [reveal, setReveal] = useState<ArenaVoteResult | null>(null);
  const [votes, setVotes] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadNext = useCallback(async () => {
    setError(null);
    setReveal(null);
    // the voted pair leaves at once, so a key pressed while the next one loads cannot vote on it again
    setPair(undefined);
    try {
      const next = await arenaApi.nextPair();
      setPair(next);
      if (next) {
        setVotes(next.votes_cast);
        player.select(next.video_id);
      }
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [player]);

  useEffect(() => {
    void loadNext();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const vote = useCallback(
    async (winner: ArenaWinner) => {
      if (!pair || reveal || busy) return;
      setBusy(true);
      try {
        setReveal(await arenaApi.vote(pair.pair_id, winner));
        setVotes((n) => n + 1);
      } catch (caught) {
        setError(describeError(caught));
      } finally {
        setBusy(false);
      }
    },
    [pair, reveal, busy],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || inTextField(event.target)) return;
      const choice = choices.find((c) => c.key === event.key);
      if (choice && !reveal) {
        event.preventDefault();
        void vote(choice.winner);
      } else if (reveal && (event.key === 'Enter' || event.key === 'n')) {
        event.preventDefault();
        void loadNext();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [vote, reveal, loadNext]);

  const chosen = reveal && choices.find((c) => c.winner === reveal.winner);
  return (
    <section className="panel arena" aria-labelledby="arena-heading">
      <div className="panel__head">
        <h2 id="arena-heading">Arena: which answer is better?</h2>
        <p className="arena__count" data-testid="vote-count">
          {votes} {votes === 1 ? 'vote' : 'votes'} cast
        </p>
      </div>
      <p className="hint">
        Two stored answers to the same video and prompt. Model names are hidden until you vote. Keys: 1 = A, 2 = B, 3 = tie, 4 = both bad;
        Enter for the next pair.
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {pair === null && <p className="empty">No pair is left to vote on. Run comparisons with two or more models to make more.</p>}
      {pair && (
        <>
          <div className="arena__top">
            <div className="arena__player">
              <VideoPlayer videos={videos.videos} />
            </div>
            <div className="arena__side">
              <p className="arena__prompt">
                <span className="muted">Prompt ({pair.category}):</span> “{pair.prompt}”
              </p>
              {!reveal ? (
                <div className="arena__votes" role="group" aria-label="Your vote">
                  {choices.map((choice) => (
                    <button key={choice.key} type="button" className="button" disabled={busy} onClick={() => void vote(choice.winner)}>
                      <kbd>{choice.key}</kbd> {choice.label}
                    </button>
                  ))}
                </div>
              ) : (
                <div className="arena__reveal" role="status" data-testid="reveal">
                  <p>
                    You chose <strong>{chosen?.label}</strong>. A was <strong>{reveal.a_model_name}</strong>, B was <strong>{reveal.b_model_name}</strong>.
                  </p>
                  <button type="button" className="button button--primary" onClick={() => void loadNext()}>
                    Next pair <kbd>Enter</kbd>
                  </button>
                </div>
              )}
            </div>
          </div>
          <div className="arena__answers">
            {(['a', 'b'] as const).map((side) => (
              <article key={`${pair.pair_id}-${side}`} className={`arena__answer${reveal?.winner === side ? ' arena__answer--chosen' : ''}`} aria-label={`Answer ${side.toUpperCase()}`}>
                <h3 className="arena__label">
                  Answer {side.toUpperCase()}
                  {reveal && <span className="arena__model" data-testid={`reveal-${side}`}>{side === 'a' ? reveal.a_model_name : reveal.b_model_name}</span>}
                </h3>
                <AnswerMarkdown text={pair[side].response} videoId={pair.video_id} />
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
