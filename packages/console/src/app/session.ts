import { useCallback, useEffect, useState } from 'react';
import { apiRequest, setUnauthorizedHandler, useToken } from '../api/http.js';

/**
 * Sign-in is with an API token (`tripline` prints the owner's token at first start; `POST
 * /api/v1/workspaces` answers a new one). A token acts in one workspace, so the console keeps one
 * token per workspace in this browser and the switcher picks among them.
 */
export interface WorkspaceSession {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly memberName: string;
  readonly role: string;
  readonly token: string;
}

interface SavedSessions {
  readonly sessions: readonly WorkspaceSession[];
  readonly current: string | undefined;
}

const STORAGE_KEY = 'tripline.sessions';

function load(): SavedSessions {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '') as SavedSessions;
    if (Array.isArray(parsed.sessions)) return parsed;
  } catch {
    // Nothing saved yet, or an older format: start signed out.
  }
  return { sessions: [], current: undefined };
}

function save(saved: SavedSessions): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
}

interface WorkspaceAnswer {
  readonly id: string;
  readonly name: string;
  readonly member: { readonly name: string; readonly role: string };
}

/** Checks a token with the server and describes the workspace it acts in. */
export async function sessionForToken(token: string): Promise<WorkspaceSession> {
  const workspace = await apiRequest<WorkspaceAnswer>('/workspace', { token });
  return {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    memberName: workspace.member.name,
    role: workspace.member.role,
    token,
  };
}

export interface Sessions {
  readonly current: WorkspaceSession | undefined;
  readonly all: readonly WorkspaceSession[];
  /** Adds (or refreshes) a workspace's session and switches to it. */
  add(session: WorkspaceSession): void;
  switchTo(workspaceId: string): void;
  /** Forgets the current workspace's token. */
  signOut(): void;
}

export function useSessions(): Sessions {
  const [saved, setSaved] = useState(load);
  const current = saved.sessions.find((session) => session.workspaceId === saved.current);
  useToken(current?.token);

  const update = useCallback((next: SavedSessions) => {
    save(next);
    setSaved(next);
  }, []);

  const signOut = useCallback(() => {
    const latest = load();
    const sessions = latest.sessions.filter((session) => session.workspaceId !== latest.current);
    update({ sessions, current: sessions[0]?.workspaceId });
  }, [update]);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    return () => setUnauthorizedHandler(undefined);
  }, [signOut]);

  return {
    current,
    all: saved.sessions,
    add: (session) =>
      update({
        sessions: [...saved.sessions.filter((s) => s.workspaceId !== session.workspaceId), session],
        current: session.workspaceId,
      }),
    switchTo: (workspaceId) => update({ ...saved, current: workspaceId }),
    signOut,
  };
}
