import { Button, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { Empty } from '../../components/page-state/index.js';
import { useGlobalSearch } from '../../layout/search-context.js';

/**
 * Search results for `?q=`. Nothing is searchable yet: Library and Discover plug their results in here,
 * so for now every search ends in the honest "no results yet" state.
 */
export default function SearchPage() {
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  const { openSearch } = useGlobalSearch();
  const again = (
    <Button variant="default" leftSection={<IconSearch size={16} aria-hidden="true" />} onClick={openSearch}>
      {query ? 'Search for something else' : 'Start a search'}
    </Button>
  );
  return (
    <>
      <PageHeader title="Search" description={query ? <>Results for “{query}”</> : undefined} />
      {query ? (
        <Empty icon={<IconSearch aria-hidden="true" />} title={`No results for “${query}” yet`} action={again}>
          <Text span size="sm">
            Search looks through your Plex library and Discover once they are connected to MediaNest. Until then there is
            nothing to search.
          </Text>
        </Empty>
      ) : (
        <Empty icon={<IconSearch aria-hidden="true" />} title="What are you looking for?" action={again}>
          Type a title in the search box at the top; press / to jump there from anywhere.
        </Empty>
      )}
    </>
  );
}
