/** The one way to leave a session in the UI: clear caches and return to the login screen. */
import { createContext, useContext } from 'react';

export const SessionEndContext = createContext<() => void>(() => undefined);

export function useEndSession(): () => void {
  return useContext(SessionEndContext);
}
