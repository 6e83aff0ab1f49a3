import {
  getNotificationPreferences,
  updateNotificationPreferences,
  type NotificationPreference,
  type NotificationPreferences,
} from '@medianest/contracts';
import { Card, Checkbox, Table, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { ScrollTable } from '../../components/table/ScrollTable.js';
import { CardSkeleton, QueryView } from '../../components/page-state/index.js';

function PreferencesTable({ data }: { data: NotificationPreferences }) {
  const queryClient = useQueryClient();
  const save = useApiMutation(updateNotificationPreferences, {
    onSuccess: (result) => queryClient.setQueryData(apiQueryKey(getNotificationPreferences), result),
    onError: (error) => toasts.show({ color: 'red', title: 'Not saved', message: error.message }),
  });
  const enabled = (type: string, channel: string) =>
    data.preferences.find((p) => p.type === type && p.channel === channel)?.enabled ?? false;
  const toggle = (entry: NotificationPreference) => save.mutate({ body: { preferences: [entry] } });
  return (
    <Card withBorder padding={0}>
      <ScrollTable label="Notification preferences (scrolls sideways)" minWidth={420}>
        <Table striped verticalSpacing="sm" aria-label="Notification preferences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              {data.channels.map((channel) => (
                <Table.Th key={channel.id} scope="col" ta="center">
                  {channel.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.types.map((type) => (
              <Table.Tr key={type.type}>
                <Table.Th scope="row" fw={400}>
                  {type.label}
                </Table.Th>
                {data.channels.map((channel) => (
                  <Table.Td key={channel.id} ta="center">
                    <Checkbox
                      aria-label={`${type.label}: ${channel.name}`}
                      checked={enabled(type.type, channel.id)}
                      disabled={save.isPending}
                      onChange={(e) => toggle({ type: type.type, channel: channel.id, enabled: e.currentTarget.checked })}
                      styles={{ body: { justifyContent: 'center' } }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Card>
  );
}

/** Profile → Notifications: which notifications I get, in the bell and on the channels the admin set up. */
export default function NotificationPrefsPage() {
  const prefs = useApiQuery(getNotificationPreferences);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Choose what you are told about, and where. Changes are saved at once."
      />
      <QueryView query={prefs} what="your notification choices" skeleton={<CardSkeleton lines={6} />}>
        {(data) => (
          <>
            <PreferencesTable data={data} />
            {data.channels.length === 1 ? (
              <Text size="sm" c="dimmed" mt="sm">
                Your administrator has not set up Discord or webhook channels yet; notifications appear in the bell.
              </Text>
            ) : null}
          </>
        )}
      </QueryView>
    </>
  );
}
