import type { ConnectionTest } from '@medianest/contracts';
import { Alert } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { ApiError } from '../../api/index.js';

const titles: Record<ConnectionTest['diagnosis'], string> = {
  ok: 'Connection works',
  'not-configured': 'Not configured',
  dns: 'The address does not resolve (DNS)',
  refused: 'Connection refused',
  timeout: 'No answer in time',
  tls: 'Secure connection (TLS) failed',
  unauthorized: 'Wrong API key or password',
  'wrong-product': 'Something else answers at this address',
  'version-too-old': 'Version too old',
  'not-found': 'Not found',
  'unexpected-status': 'Unexpected answer',
  'bad-response': 'Unreadable answer',
  unavailable: 'Unavailable',
};

/** The outcome of "Test connection": the diagnosis as a title, what to do as the text. */
export function TestResult({ result, error }: { result: ConnectionTest | undefined; error: ApiError | null }) {
  if (error) {
    return (
      <Alert color="red" variant="light" title="The test could not run" data-diagnosis="error">
        {error.message}
      </Alert>
    );
  }
  if (!result) return null;
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      variant="light"
      role="status"
      title={titles[result.diagnosis]}
      icon={result.ok ? <IconCircleCheck aria-hidden="true" /> : <IconCircleX aria-hidden="true" />}
      data-diagnosis={result.diagnosis}
    >
      {result.message}
      {result.latencyMs !== null ? ` (${result.latencyMs} ms)` : ''}
    </Alert>
  );
}
