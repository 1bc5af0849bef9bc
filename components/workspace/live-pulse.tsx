'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from 'react';

/**
 * Keeps the workspace current without a reload: while the tab is visible it asks the pulse route
 * (`/painel/api/pulso`) for the queue counts and, on a demand, its version and who else has it open —
 * at once when the event stream (`/painel/api/pulso/eventos`, PostgreSQL LISTEN/NOTIFY) says a demand
 * changed, and every 2 s in any case (the presence heartbeats; the embedded database, which does not
 * push; a proxy that drops the stream). When either moved, the page is drawn again (`router.refresh()`),
 * which keeps what is typed in the forms (their fields are uncontrolled and keep their keys).
 */

const PULSE_URL = '/painel/api/pulso';
const EVENTS_URL = '/painel/api/pulso/eventos';
const INTERVAL_MS = 2000;
const TIMEOUT_MS = 5000;

export type PresenceView = { name: string; activity: 'viewing' | 'replying' };
type OpenDemand = { protocol: string; version: number };
type PulseAnswer = { queues: Record<string, number>; demand: { version: number; others: PresenceView[] } | null };

type LiveState = {
  /** The demand on screen registers itself (with the version it was drawn with); null when it goes. */
  openDemand: (demand: OpenDemand | null) => void;
  others: PresenceView[];
  lastUpdate: number | null;
  failing: boolean;
  announcement: string;
};

const LiveContext = createContext<LiveState | null>(null);

/** What is typed in the demand's composer: the pulse reports the person as replying. */
function composerHasText(): boolean {
  return Array.from(document.querySelectorAll<HTMLTextAreaElement>('[data-composer-panel] textarea')).some((field) => field.value.trim() !== '');
}

function countsSignature(counts: Record<string, number>): string {
  return JSON.stringify(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function isPulseAnswer(value: unknown): value is PulseAnswer {
  return typeof value === 'object' && value !== null && 'queues' in value && 'demand' in value;
}

export function LivePulse({ counts, children }: { counts: Record<string, number>; children: ReactNode }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [demand, setDemand] = useState<OpenDemand | null>(null);
  const [others, setOthers] = useState<PresenceView[]>([]);
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  const [failing, setFailing] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  // The poll reads the latest of these without restarting its timer.
  const latest = useRef({ demand, counts: countsSignature(counts), refreshing });
  useEffect(() => {
    latest.current = { demand, counts: countsSignature(counts), refreshing };
  }, [demand, counts, refreshing]);

  const pulse = useCallback(async () => {
    const { demand: open } = latest.current;
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(PULSE_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ demanda: open?.protocol, respondendo: open ? composerHasText() : false }),
        cache: 'no-store',
        signal: abort.signal,
      });
      const answer: unknown = response.ok ? await response.json() : null;
      if (!isPulseAnswer(answer)) {
        setFailing(true);
        return;
      }
      setFailing(false);
      setLastUpdate(Date.now());
      setOthers(answer.demand?.others ?? []);
      const current = latest.current;
      const demandMoved = Boolean(current.demand && answer.demand && answer.demand.version !== current.demand.version);
      const queuesMoved = countsSignature(answer.queues) !== current.counts;
      if ((demandMoved || queuesMoved) && !current.refreshing) {
        setAnnouncement(demandMoved ? 'Há novidades nesta manifestação: a linha do tempo foi atualizada.' : 'As filas foram atualizadas.');
        startRefresh(() => router.refresh());
      }
    } catch {
      setFailing(true);
    } finally {
      clearTimeout(timeout);
    }
  }, [router]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    let stopped = false;
    const tick = async () => {
      clearTimeout(timer);
      if (stopped) return;
      // A push during a pulse is asked again right after it: the change may have come after its answer.
      if (running) {
        again = true;
        return;
      }
      if (document.visibilityState === 'visible') {
        running = true;
        await pulse();
        running = false;
      }
      if (again && !stopped) {
        again = false;
        void tick();
        return;
      }
      if (!stopped) timer = setTimeout(tick, INTERVAL_MS);
    };
    // The push: a change anywhere asks the pulse at once. Without it (the embedded database answers 204,
    // or the stream is down) the poll still runs. Only a visible tab keeps a stream open: a browser on
    // HTTP/1.1 gives a site six connections, and a person with many tabs must not use them all up.
    let changes: EventSource | null = null;
    const openStream = () => {
      if (changes || typeof EventSource === 'undefined') return;
      changes = new EventSource(EVENTS_URL);
      changes.addEventListener('change', () => void tick());
    };
    const closeStream = () => {
      changes?.close();
      changes = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        openStream();
        void tick();
      } else {
        closeStream();
      }
    };
    void tick();
    if (document.visibilityState === 'visible') openStream();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      closeStream();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [pulse]);

  const openDemand = useCallback((next: OpenDemand | null) => {
    setDemand((current) => (current?.protocol === next?.protocol && current?.version === next?.version ? current : next));
    if (!next) setOthers([]);
  }, []);

  const value = useMemo(() => ({ openDemand, others, lastUpdate, failing, announcement }), [openDemand, others, lastUpdate, failing, announcement]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** "atualizado agora" / "atualizado há N s": read on demand; only real news is announced (politely). */
export function LiveStatus() {
  const live = useContext(LiveContext);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!live) return null;
  const seconds = live.lastUpdate === null ? null : Math.max(0, Math.round((now - live.lastUpdate) / 1000));
  const text = live.failing
    ? 'sem conexão — tentando de novo'
    : seconds === null
      ? 'conectando…'
      : seconds < 3
        ? 'atualizado agora'
        : `atualizado há ${seconds} s`;
  return (
    <p className="text-sm text-slate-700" data-live-status>
      <span aria-hidden="true" className={`mr-1 inline-block h-2 w-2 rounded-full ${live.failing ? 'bg-red-700' : 'bg-green-700'}`} />
      {text}
      {/* A live region without role="status": the page's own confirmations are its status messages. */}
      <span aria-live="polite" aria-atomic="true" className="sr-only" data-live-announcement>
        {live.announcement}
      </span>
    </p>
  );
}

/** Registers the demand on screen with the pulse, and shows who else has it open now. */
export function DemandPresence({ protocol, version }: { protocol: string; version: number }) {
  const live = useContext(LiveContext);
  const openDemand = live?.openDemand;
  useEffect(() => {
    if (!openDemand) return;
    openDemand({ protocol, version });
    return () => openDemand(null);
  }, [openDemand, protocol, version]);
  const others = live?.others ?? [];
  if (!others.length) return null;
  return (
    <ul aria-label="Quem mais está nesta manifestação" className="flex flex-wrap gap-2" data-presence>
      {others.map((other, index) => (
        <li key={`${index}-${other.name}`} className={`rounded-full border px-3 py-1 text-sm font-semibold ${other.activity === 'replying' ? 'border-amber-700 bg-amber-50 text-amber-900' : 'border-slate-400 bg-slate-50 text-slate-800'}`}>
          {other.activity === 'replying' ? `${other.name} está respondendo` : `${other.name} também está vendo`}
        </li>
      ))}
    </ul>
  );
}
