import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { reveal } from '../components/reveal.js';

/** The one video player on the page: which video it shows, and seeking it from anywhere (answers' timestamps). */
export interface PlayerApi {
  selectedId: string | null;
  select(videoId: string | null): void;
  /** shows `videoId` (or the current video) and moves the playhead to `seconds` */
  seek(seconds: number, videoId?: string): void;
  /** the <video> element registers itself here */
  attach(element: HTMLVideoElement | null): void;
}

const PlayerContext = createContext<PlayerApi | null>(null);

function applySeek(element: HTMLVideoElement, seconds: number): void {
  const go = () => {
    const end = Number.isFinite(element.duration) ? element.duration : seconds;
    element.currentTime = Math.min(Math.max(0, seconds), end);
  };
  if (element.readyState >= HTMLMediaElement.HAVE_METADATA) go();
  else element.addEventListener('loadedmetadata', go, { once: true });
  reveal(element);
}

export function PlayerProvider({ children }: { children: ReactNode }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const element = useRef<HTMLVideoElement | null>(null);
  const shownId = useRef<string | null>(null);
  const pendingSeek = useRef<number | null>(null);
  shownId.current = selectedId;

  const attach = useCallback((el: HTMLVideoElement | null) => {
    element.current = el;
    if (el && pendingSeek.current !== null) {
      applySeek(el, pendingSeek.current);
      pendingSeek.current = null;
    }
  }, []);

  const seek = useCallback((seconds: number, videoId?: string) => {
    if (videoId && videoId !== shownId.current) {
      // the new <video> element attaches after the re-render and applies the seek then
      pendingSeek.current = seconds;
      setSelectedId(videoId);
      return;
    }
    if (element.current) applySeek(element.current, seconds);
  }, []);

  const api = useMemo<PlayerApi>(() => ({ selectedId, select: setSelectedId, seek, attach }), [selectedId, seek, attach]);
  return <PlayerContext.Provider value={api}>{children}</PlayerContext.Provider>;
}

export function usePlayer(): PlayerApi {
  const api = useContext(PlayerContext);
  if (!api) throw new Error('usePlayer needs a <PlayerProvider> above it');
  return api;
}
