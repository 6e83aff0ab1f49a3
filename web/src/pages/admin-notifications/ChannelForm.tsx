import { createNotificationChannel, listNotificationChannels } from '@medianest/contracts';
import { Button, Group, Modal, SegmentedControl, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiQueryKey, useApiMutation } from '../../api/index.js';
import { fieldError as serverFieldError } from '../../auth/field-errors.js';

/** Adding a Discord webhook or a generic JSON webhook (template and one custom header). */
export function ChannelForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'discord' | 'webhook'>('discord');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [template, setTemplate] = useState('');
  const [headerName, setHeaderName] = useState('');
  const [headerValue, setHeaderValue] = useState('');
  const create = useApiMutation(createNotificationChannel, {
    onSuccess: async () => {
      toasts.show({ color: 'green', message: `${name} was added. Users can now opt into it in their notification settings.` });
      await queryClient.invalidateQueries({ queryKey: apiQueryKey(listNotificationChannels) });
      onClose();
      setName('');
      setUrl('');
      setTemplate('');
      setHeaderName('');
      setHeaderValue('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      body: {
        kind,
        name,
        url,
        ...(kind === 'webhook' && template.trim() ? { template } : {}),
        ...(kind === 'webhook' && headerName && headerValue ? { header: { name: headerName, value: headerValue } } : {}),
      },
    });
  };
  const fieldError = (field: string) => serverFieldError(create.error, `body.${field}`);
  const hasFieldErrors = Array.isArray(create.error?.details) && (create.error.details as unknown[]).length > 0;
  return (
    <Modal opened={opened} onClose={onClose} title="Add a notification channel">
      <form onSubmit={submit}>
        <Stack>
          <SegmentedControl
            aria-label="Kind"
            value={kind}
            onChange={(value) => setKind(value as typeof kind)}
            data={[
              { value: 'discord', label: 'Discord' },
              { value: 'webhook', label: 'Webhook (JSON)' },
            ]}
          />
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError('name')} />
          <TextInput
            label={kind === 'discord' ? 'Discord webhook URL' : 'URL'}
            description="Stored encrypted; it is never shown again."
            required
            type="url"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fieldError('url')}
          />
          {kind === 'webhook' ? (
            <>
              <Textarea
                label="Body template (optional)"
                description="JSON with {{type}}, {{title}}, {{body}}, {{link}}, {{username}}, {{createdAt}} inside strings."
                autosize
                minRows={3}
                value={template}
                onChange={(e) => setTemplate(e.currentTarget.value)}
                error={fieldError('template') ?? (create.error?.message.includes('template') ? create.error.message : undefined)}
              />
              <Group grow>
                <TextInput label="Header name (optional)" placeholder="X-Api-Key" value={headerName} onChange={(e) => setHeaderName(e.currentTarget.value)} />
                <TextInput label="Header value" type="password" value={headerValue} onChange={(e) => setHeaderValue(e.currentTarget.value)} />
              </Group>
            </>
          ) : null}
          {create.error && !hasFieldErrors && !create.error.message.includes('template') ? (
            <div role="alert" style={{ color: 'var(--mantine-color-red-6)' }}>
              {create.error.message}
            </div>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add channel
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
