import { createLocalAdmin, type AuthResult } from '@medianest/contracts';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../../api/index.js';
import { fieldError } from '../../auth/field-errors.js';

/** The fallback first admin: a local account with a password (argon2id on the server). */
export function LocalAdminForm({ onCreated }: { onCreated: (session: AuthResult) => void }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const create = useApiMutation(createLocalAdmin, { onSuccess: onCreated });
  const mismatch = again.length > 0 && again !== password;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    create.mutate({ body: { username, password } });
  };
  const error = create.error;
  return (
    <form onSubmit={submit} aria-label="Create a local administrator">
      <Stack gap="sm">
        {error && error.code !== 'VALIDATION_FAILED' ? (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            {error.message}
          </Alert>
        ) : null}
        <TextInput
          label="Username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={fieldError(error, 'body.username')}
        />
        <PasswordInput
          label="Password"
          description="At least 12 characters."
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(error, 'body.password')}
        />
        <PasswordInput
          label="Password again"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? 'The two passwords differ.' : undefined}
        />
        <Button type="submit" loading={create.isPending}>
          Create administrator
        </Button>
      </Stack>
    </form>
  );
}
