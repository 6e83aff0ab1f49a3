import { exportAudit, fullPath, listAudit, type AuditEntry, type AuditFilter } from '@medianest/contracts';
import { Badge, Button, Card, Code, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconListSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { ScrollTable } from '../../components/table/ScrollTable.js';
import { CardSkeleton, Empty, QueryView } from '../../components/page-state/index.js';

const PAGE = 50;
const outcomeColor = { success: 'green', failure: 'red', denied: 'orange' } as const;

function toIso(date: string, endOfDay: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  return new Date(`${date}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}`).toISOString();
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(entry.occurredAt).toLocaleString()}</Table.Td>
      <Table.Td>{entry.actorLabel ?? entry.actorUserId ?? '—'}</Table.Td>
      <Table.Td>
        <Code>{entry.action}</Code>
      </Table.Td>
      <Table.Td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '—'}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={outcomeColor[entry.outcome]}>
          {entry.outcome}
        </Badge>
      </Table.Td>
      <Table.Td>{entry.ip ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

/** Admin → Audit: the append-only trail, filtered, and exported as CSV. */
export default function AuditPage() {
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const filter: AuditFilter = {
    ...(debouncedAction ? { action: debouncedAction } : {}),
    ...(outcome ? { outcome: outcome as AuditFilter['outcome'] } : {}),
    ...(toIso(from, false) ? { from: toIso(from, false) } : {}),
    ...(toIso(to, true) ? { to: toIso(to, true) } : {}),
  };
  const entries = useApiQuery(listAudit, {
    input: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
    placeholderData: keepPreviousData,
  });
  const exportUrl = `${fullPath(exportAudit)}?${new URLSearchParams(filter as Record<string, string>).toString()}`;
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Who did what, and when. Entries are never changed or deleted."
        actions={
          <Button component="a" href={exportUrl} download variant="default" leftSection={<IconDownload size={16} aria-hidden="true" />}>
            Export CSV
          </Button>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <TextInput
          label="Action"
          placeholder="auth.login or auth.*"
          value={action}
          onChange={(e) => {
            setAction(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          label="Outcome"
          placeholder="Any"
          clearable
          data={['success', 'failure', 'denied']}
          value={outcome}
          onChange={(value) => {
            setOutcome(value);
            setPage(1);
          }}
        />
        <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <QueryView
        query={entries}
        what="the audit trail"
        skeleton={<CardSkeleton lines={8} />}
        isEmpty={(data) => data.total === 0}
        empty={
          <Empty
            icon={<IconListSearch aria-hidden="true" />}
            title="No entries match"
            action={
              <Button
                variant="default"
                onClick={() => {
                  setAction('');
                  setOutcome(null);
                  setFrom('');
                  setTo('');
                  setPage(1);
                }}
              >
                Clear the filters
              </Button>
            }
          >
            Widen the filters: clear the action, the outcome or the dates.
          </Empty>
        }
      >
        {(data) => (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {data.total === 1 ? '1 entry' : `${data.total} entries`}
            </Text>
            <Card withBorder padding={0}>
              <ScrollTable label="Audit entries (scrolls sideways)" minWidth={720}>
                <Table striped verticalSpacing="xs" aria-label="Audit entries">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">When</Table.Th>
                      <Table.Th scope="col">Who</Table.Th>
                      <Table.Th scope="col">Action</Table.Th>
                      <Table.Th scope="col">Target</Table.Th>
                      <Table.Th scope="col">Outcome</Table.Th>
                      <Table.Th scope="col">IP</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.entries.map((entry) => (
                      <AuditRow key={entry.id} entry={entry} />
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </Card>
            {data.total > PAGE ? (
              <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} aria-label="Pages" />
            ) : null}
          </Stack>
        )}
      </QueryView>
    </>
  );
}
