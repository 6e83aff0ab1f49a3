import { localLogin, type AuthResult } from '@medianest/contracts';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../api/index.js';

/** Username and password, for local accounts (the fallback admin, accounts made on the command line). */
export function LocalSignInForm({ onSignedIn }: { onSignedIn: (session: AuthResult) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useApiMutation(localLogin, { onSuccess: onSignedIn });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ body: { username, password, tokenDelivery: 'cookie' } });
  };
  const error = signIn.error;
  return (
    <form onSubmit={submit} aria-label="Local sign-in">
      <Stack gap="sm">
        {error ? (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} data-state="error" data-code={error.code}>
            {error.code === 'RATE_LIMITED' && error.retryAfterSeconds ? `${error.message}` : error.message}
          </Alert>
        ) : null}
        <TextInput label="Username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
        <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
