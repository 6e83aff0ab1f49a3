import { createContext, useContext } from 'react';

export interface GlobalSearch {
  /** Focuses the top bar's search box (desktop) or opens the full-screen search (phone). */
  openSearch: () => void;
}

export const GlobalSearchContext = createContext<GlobalSearch>({ openSearch: () => undefined });

export function useGlobalSearch(): GlobalSearch {
  return useContext(GlobalSearchContext);
}
