import { createApiKey, type ApiKeyScope } from '@medianest/contracts';
import { Alert, Button, Checkbox, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../../api/index.js';
import { useAuth } from '../../auth/auth-context.js';
import { fieldError } from '../../auth/field-errors.js';

const expiries = [
  { value: '', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

/** Names a new key and its scopes; then shows the key once, with a copy button. */
export function CreateApiKeyModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const { me } = useAuth();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const [expiry, setExpiry] = useState<string | null>('');
  const create = useApiMutation(createApiKey, { onSuccess: onCreated });
  const close = () => {
    create.reset();
    setName('');
    setScopes(['read']);
    setExpiry('');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ body: { name, scopes, ...(expiry ? { expiresInDays: Number(expiry) } : {}) } });
  };
  const secret = create.data?.secret;
  return (
    <Modal opened={opened} onClose={close} title={secret ? 'Your new API key' : 'New API key'} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      {secret ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            Copy it now: this is the only time it is shown. MediaNest keeps only a fingerprint of it.
          </Alert>
          <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }} data-testid="api-key-secret">
            {secret}
          </Text>
          <Group justify="space-between">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            {create.error && create.error.code !== 'VALIDATION_FAILED' ? (
              <Alert role="alert" color="red" variant="light">
                {create.error.message}
              </Alert>
            ) : null}
            <TextInput
              label="Name"
              description="What uses it, e.g. “Home dashboard”."
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(create.error, 'body.name')}
            />
            <Checkbox.Group label="What it may do" value={scopes} onChange={(value) => setScopes(value as ApiKeyScope[])} error={fieldError(create.error, 'body.scopes')}>
              <Stack gap="xs" mt="xs">
                <Checkbox value="read" label="Read" description="Look things up (GET requests)" />
                <Checkbox value="write" label="Write" description="Also make changes, within your permissions" />
                {me.data?.user.role === 'admin' ? <Checkbox value="admin" label="Administration" description="Also the admin endpoints" /> : null}
              </Stack>
            </Checkbox.Group>
            <Select label="Expires" data={expiries} value={expiry} onChange={setExpiry} allowDeselect={false} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={scopes.length === 0}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
