import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized } from '../api/apiClient';
import type { User } from '../api/types';
import { clearSession, readToken, readUser, saveSession } from './session';

interface AuthState {
  user: User | null;
  signIn(token: string, user: User): void;
  signOut(): void;
  /** Admins edit; schedulers and viewers only read scenarios. */
  canEdit: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => (readToken() ? readUser() : null));
  const signIn = useCallback((token: string, next: User) => {
    saveSession(token, next);
    setUser(next);
  }, []);
  const signOut = useCallback(() => {
    clearSession();
    setUser(null);
  }, []);
  useEffect(() => onUnauthorized(() => setUser(null)), []);
  const value = useMemo(() => ({ user, signIn, signOut, canEdit: user?.role === 'admin' }), [user, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
