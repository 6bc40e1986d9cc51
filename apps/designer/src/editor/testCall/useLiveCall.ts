import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { initialLiveCall, liveCallReducer, type LiveEvent } from './liveCall';
import { liveSocketUrl } from './testCallApi';

const OPEN_TIMEOUT_MS = 3000;

/**
 * The live stream for one test call. The socket is opened before the call is placed (it then
 * receives everything) so no early event is lost; once the id is known it narrows to that call.
 */
export function useLiveCall() {
  const [state, dispatch] = useReducer(liveCallReducer, initialLiveCall);
  const socket = useRef<WebSocket | null>(null);
  const [streamFailed, setStreamFailed] = useState(false);

  useEffect(
    () => () => {
      socket.current?.close();
      socket.current = null;
    },
    [],
  );

  /** Opens the stream if needed; resolves false when it cannot be opened (the call still goes on). */
  const connect = useCallback(async (): Promise<boolean> => {
    const current = socket.current;
    if (current && current.readyState === WebSocket.OPEN) {
      // Still narrowed to the previous call: listen to everything again until the new id is known.
      current.send(JSON.stringify({ subscribe: {} }));
      return true;
    }
    current?.close();
    if (typeof WebSocket === 'undefined') return false;
    const ws = new WebSocket(liveSocketUrl());
    socket.current = ws;
    ws.onmessage = (message) => {
      try {
        dispatch({ type: 'event', event: JSON.parse(String(message.data)) as LiveEvent });
      } catch {
        // Not JSON: nothing the panel can show.
      }
    };
    const opened = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), OPEN_TIMEOUT_MS);
      ws.onopen = () => {
        clearTimeout(timer);
        resolve(true);
      };
      ws.onerror = () => {
        clearTimeout(timer);
        resolve(false);
      };
    });
    ws.onclose = () => {
      if (socket.current === ws) socket.current = null;
    };
    setStreamFailed(!opened);
    return opened;
  }, []);

  const begin = useCallback(async () => {
    dispatch({ type: 'placing' });
    await connect();
  }, [connect]);

  const placed = useCallback((callId: string) => {
    dispatch({ type: 'placed', callId });
    const ws = socket.current;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ subscribe: { callId } }));
  }, []);

  const failed = useCallback(() => dispatch({ type: 'failed' }), []);
  const reset = useCallback(() => dispatch({ type: 'reset' }), []);
  /** Lets a caller fold an event in (the history fallback, tests). */
  const receive = useCallback((event: LiveEvent) => dispatch({ type: 'event', event }), []);

  return { state, begin, placed, failed, reset, receive, streamFailed };
}
