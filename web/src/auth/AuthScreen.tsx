import { Box, Card, Center, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from '../components/layout/PageHeader.js';
import { Logo } from '../layout/Logo.js';
import { ThemeMenu } from '../layout/ThemeMenu.js';

/** The frame of the pages before sign-in (sign-in, setup): the logo, one card, nothing else. */
export function AuthScreen({ title, description, children, wide = false }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <Box mih="100dvh" p="md">
      <Group component="header" justify="space-between" mb="xl">
        <Logo />
        <ThemeMenu />
      </Group>
      <Center>
        <Card component="main" id="main" withBorder padding="lg" radius="md" w="100%" maw={wide ? 640 : 440}>
          <Stack gap={0}>
            <PageHeader title={title} description={description} />
            {children}
          </Stack>
        </Card>
      </Center>
    </Box>
  );
}
