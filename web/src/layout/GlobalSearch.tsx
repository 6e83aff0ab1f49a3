import { ActionIcon, Kbd, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { GlobalSearchContext } from './search-context.js';
import classes from './GlobalSearch.module.css';

// The full-screen phone search (a Modal) loads on first use: it is not needed for the first screen.
const PhoneSearch = lazy(() => import('./PhoneSearch.js'));

const LABEL = 'Search your library and Discover';

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The search query shown in the box: the page's `?q=` on the search page, what was typed elsewhere. */
function useSearchText(): [string, (value: string) => void] {
  const location = useLocation();
  const [text, setText] = useState('');
  const [seen, setSeen] = useState(location.search);
  if (seen !== location.search) {
    setSeen(location.search);
    if (location.pathname === '/search') setText(new URLSearchParams(location.search).get('q') ?? '');
  }
  return [text, setText];
}

/**
 * The global search: an always-visible box in the top bar on desktop, a button opening a full-screen
 * search on phones. `/` anywhere (outside a text field) goes to it. Submitting opens `/search?q=`.
 */
export function GlobalSearchProvider({ children }: { children: (slots: { box: ReactNode; phoneButton: ReactNode }) => ReactNode }) {
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useSearchText();
  const [phoneOpen, setPhoneOpen] = useState(false);

  const openSearch = useCallback(() => {
    const input = inputRef.current;
    // The desktop box is display:none on phones, so it has no offsetParent there.
    if (input && input.offsetParent !== null) {
      input.focus();
      input.select();
    } else {
      setPhoneOpen(true);
    }
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingIn(event.target)) return;
      event.preventDefault();
      openSearch();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openSearch]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    setPhoneOpen(false);
    inputRef.current?.blur();
    void navigate(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
  };

  const box = (
    <form role="search" onSubmit={submit} className={classes.desktopForm}>
      <TextInput
        ref={inputRef}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        aria-label={LABEL}
        placeholder={LABEL}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        rightSection={<Kbd size="xs" aria-hidden="true">/</Kbd>}
        rightSectionPointerEvents="none"
        type="search"
        enterKeyHint="search"
      />
    </form>
  );

  const phoneButton = (
    <>
      <ActionIcon hiddenFrom="sm" aria-label="Search" onClick={() => setPhoneOpen(true)}>
        <IconSearch size={20} aria-hidden="true" />
      </ActionIcon>
      {phoneOpen ? (
        <Suspense fallback={null}>
          <PhoneSearch label={LABEL} text={text} onText={setText} onSubmit={submit} onClose={() => setPhoneOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );

  return <GlobalSearchContext.Provider value={{ openSearch }}>{children({ box, phoneButton })}</GlobalSearchContext.Provider>;
}
