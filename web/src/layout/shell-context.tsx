import type { Role } from '@medianest/contracts';
import type { TablerIcon } from '@tabler/icons-react';
import { createContext, useContext, type ReactNode } from 'react';

/** The signed-in person as the top bar shows them. */
export interface ShellViewer {
  name: string;
  role: Role;
  avatarUrl?: string;
}

/** One entry of the avatar menu: a link (`href` for server pages, `to` for app routes) or an action. */
export interface AccountMenuItem {
  id: string;
  label: string;
  icon: TablerIcon;
  to?: string;
  href?: string;
  onSelect?: () => void;
  /** Drawn in red, after a divider (sign out). */
  danger?: boolean;
}

export interface ShellNotifications {
  unread: number;
  /** What the bell opens; without it the bell shows "no notifications yet". */
  panel?: ReactNode;
}

/**
 * What the top bar shows that other contexts own: auth provides `viewer` and `accountItems`
 * (profile, sessions, API keys, sign out), realtime provides `notifications`. Each wraps the app in a
 * `ShellProvider` with its part; until then the defaults below are shown.
 */
export interface ShellData {
  viewer: ShellViewer | null;
  notifications: ShellNotifications;
  accountItems: readonly AccountMenuItem[];
}

const defaults: ShellData = { viewer: null, notifications: { unread: 0 }, accountItems: [] };
const ShellContext = createContext<ShellData>(defaults);

/** Provides part of the shell data; nested providers override only the fields they set. */
export function ShellProvider({ value, children }: { value: Partial<ShellData>; children: ReactNode }) {
  const outer = useContext(ShellContext);
  return <ShellContext.Provider value={{ ...outer, ...value }}>{children}</ShellContext.Provider>;
}

export function useShell(): ShellData {
  return useContext(ShellContext);
}
