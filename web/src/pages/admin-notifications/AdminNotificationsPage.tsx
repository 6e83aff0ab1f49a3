import {
  deleteNotificationChannel,
  listNotificationChannels,
  listNotificationDeliveries,
  retryNotificationDelivery,
  updateNotificationChannel,
  type NotificationChannel,
  type NotificationDelivery,
} from '@medianest/contracts';
import { ActionIcon, Badge, Button, Card, Group, SegmentedControl, Stack, Switch, Table, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconPlus, IconRefresh, IconSend, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { ScrollTable } from '../../components/table/ScrollTable.js';
import { CardSkeleton, Empty, QueryView } from '../../components/page-state/index.js';
import { useLiveEvent } from '../../live/live-context.js';
import { ChannelForm } from './ChannelForm.js';

const statusColor = { pending: 'yellow', sent: 'green', dead: 'red' } as const;

function ChannelRow({ channel }: { channel: NotificationChannel }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiQueryKey(listNotificationChannels) });
  const update = useApiMutation(updateNotificationChannel, { onSuccess: refresh });
  const remove = useApiMutation(deleteNotificationChannel, {
    onSuccess: () => {
      toasts.show({ message: `${channel.name} was removed.` });
      return refresh();
    },
  });
  return (
    <Card withBorder component="li" data-channel={channel.name}>
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600}>{channel.name}</Text>
          <Text size="sm" c="dimmed">
            {channel.kind === 'discord' ? 'Discord' : 'Webhook'} · {channel.target}
            {channel.headerName ? ` · header ${channel.headerName}` : ''}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <Switch
            label={channel.enabled ? 'On' : 'Off'}
            checked={channel.enabled}
            onChange={(e) => update.mutate({ params: { id: channel.id }, body: { enabled: e.currentTarget.checked } })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${channel.name}`}
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(`Remove ${channel.name}? Its pending deliveries are dropped.`)) remove.mutate({ params: { id: channel.id } });
            }}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      </Group>
    </Card>
  );
}

function Channels() {
  const [adding, setAdding] = useState(false);
  const channels = useApiQuery(listNotificationChannels);
  const addButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
      Add channel
    </Button>
  );
  return (
    <Stack>
      <Group justify="flex-end">{addButton}</Group>
      <QueryView
        query={channels}
        what="the channels"
        skeleton={<CardSkeleton lines={2} />}
        isEmpty={(data) => data.channels.length === 0}
        empty={
          <Empty icon={<IconSend aria-hidden="true" />} title="No outbound channels" action={addButton}>
            Add a Discord webhook or a JSON webhook; users then choose which notifications go there.
          </Empty>
        }
      >
        {(data) => (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Channels">
            {data.channels.map((channel) => (
              <ChannelRow key={channel.id} channel={channel} />
            ))}
          </Stack>
        )}
      </QueryView>
      <ChannelForm opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function DeliveryRow({ delivery }: { delivery: NotificationDelivery }) {
  const queryClient = useQueryClient();
  const retry = useApiMutation(retryNotificationDelivery, {
    onSuccess: () => {
      toasts.show({ color: 'green', message: 'It will be sent again within a few seconds.' });
      return queryClient.invalidateQueries({ queryKey: apiQueryKey(listNotificationDeliveries) });
    },
  });
  return (
    <Table.Tr data-delivery-status={delivery.status}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(delivery.createdAt).toLocaleString()}</Table.Td>
      <Table.Td>{delivery.channelName}</Table.Td>
      <Table.Td>{delivery.username ?? '—'}</Table.Td>
      <Table.Td>{delivery.title}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={statusColor[delivery.status]}>
          {delivery.status === 'dead' ? 'gave up' : delivery.status}
        </Badge>
        <Text size="xs" c="dimmed">
          {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
          {delivery.status === 'pending' && delivery.nextAttemptAt ? ` · next ${new Date(delivery.nextAttemptAt).toLocaleTimeString()}` : ''}
        </Text>
        {delivery.lastError ? (
          <Text size="xs" c="red">
            {delivery.lastError}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {delivery.status !== 'sent' ? (
          <Button size="compact-sm" variant="default" loading={retry.isPending} onClick={() => retry.mutate({ params: { id: delivery.id } })}>
            Retry now
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

function Deliveries() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'all' | 'pending' | 'sent' | 'dead'>('all');
  const deliveries = useApiQuery(listNotificationDeliveries, {
    input: { query: { ...(status === 'all' ? {} : { status }), limit: 100 } },
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  useLiveEvent('/admin', 'notification-delivery:dead', () => {
    void queryClient.invalidateQueries({ queryKey: apiQueryKey(listNotificationDeliveries) });
  });
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Show"
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'pending', label: 'Pending' },
            { value: 'dead', label: 'Gave up' },
            { value: 'sent', label: 'Sent' },
          ]}
        />
        <ActionIcon variant="default" aria-label="Reload deliveries" onClick={() => void deliveries.refetch()}>
          <IconRefresh size={16} aria-hidden="true" />
        </ActionIcon>
      </Group>
      <QueryView
        query={deliveries}
        what="the deliveries"
        skeleton={<CardSkeleton lines={5} />}
        isEmpty={(data) => data.deliveries.length === 0}
        empty={
          <Empty
            icon={<IconSend aria-hidden="true" />}
            title="Nothing here"
            action={
              <Button variant="default" onClick={() => setStatus('all')} disabled={status === 'all'}>
                Show all deliveries
              </Button>
            }
          >
            {status === 'dead' ? 'No delivery has given up. Failed sends are retried 5 times before they land here.' : 'Deliveries appear once users opt into a channel and get notified.'}
          </Empty>
        }
      >
        {(data) => (
          <Card withBorder padding={0}>
            <ScrollTable label="Deliveries (scrolls sideways)" minWidth={760}>
              <Table striped verticalSpacing="xs" aria-label="Deliveries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Channel</Table.Th>
                    <Table.Th scope="col">For</Table.Th>
                    <Table.Th scope="col">Notification</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.deliveries.map((delivery) => (
                    <DeliveryRow key={delivery.id} delivery={delivery} />
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Card>
        )}
      </QueryView>
    </Stack>
  );
}

/** Admin → Notifications: the outbound channels, and what was sent through them (with retries). */
export default function AdminNotificationsPage() {
  return (
    <>
      <PageHeader title="Notifications" description="Discord and webhook channels, and every delivery through them." />
      <Tabs defaultValue="channels" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="channels">Channels</Tabs.Tab>
          <Tabs.Tab value="deliveries">Deliveries</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="channels">
          <Channels />
        </Tabs.Panel>
        <Tabs.Panel value="deliveries">
          <Deliveries />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
