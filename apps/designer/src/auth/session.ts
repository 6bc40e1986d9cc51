import type { User } from '../api/types';

// sessionStorage, not localStorage: closing the tab ends the session, and a token never outlives it.
const TOKEN_KEY = 'ivr.token';
const USER_KEY = 'ivr.user';

export function readToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function readUser(): User | null {
  const raw = sessionStorage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as User;
  } catch {
    return null;
  }
}

export function saveSession(token: string, user: User): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}
