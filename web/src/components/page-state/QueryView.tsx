import { Button } from '@mantine/core';
import { IconCloudOff, IconRefresh } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from '../../api/index.js';
import { Empty } from './Empty.js';
import { ErrorState } from './ErrorState.js';
import { LoadingRegion } from './Loading.js';

export interface QueryViewProps<T> {
  query: UseQueryResult<T, ApiError>;
  /** What is loaded, as a noun phrase for messages: "the server status". */
  what: string;
  /** Skeletons shaped like the content. */
  skeleton: ReactNode;
  isEmpty?: (data: T) => boolean;
  /** The empty state (an `<Empty>`), required with `isEmpty`. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * The four states of a page section from one query: loading (skeleton), error (with a retry, over
 * stale data when there is some), empty, and the content. Every page goes through it.
 */
export function QueryView<T>({ query, what, skeleton, isEmpty, empty, children }: QueryViewProps<T>) {
  const retry = () => void query.refetch();
  if (query.data === undefined) {
    if (query.isError) return <ErrorState what={what} error={query.error} onRetry={retry} retrying={query.isFetching} />;
    if (query.fetchStatus === 'paused') {
      return (
        <Empty
          icon={<IconCloudOff aria-hidden="true" />}
          title="Waiting for a connection"
          action={
            <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={retry}>
              Try now
            </Button>
          }
        >
          {`This device is offline, so ${what} cannot load yet. It loads by itself when the connection is back.`}
        </Empty>
      );
    }
    return <LoadingRegion label={`Loading ${what}`}>{skeleton}</LoadingRegion>;
  }
  const data = query.data;
  return (
    <>
      {query.isError ? (
        <ErrorState
          what={what}
          error={query.error}
          staleSince={query.dataUpdatedAt}
          onRetry={retry}
          retrying={query.isFetching}
        />
      ) : null}
      {isEmpty?.(data) ? empty : children(data)}
    </>
  );
}
