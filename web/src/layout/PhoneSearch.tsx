import { Modal, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { FormEvent } from 'react';

export interface PhoneSearchProps {
  label: string;
  text: string;
  onText: (text: string) => void;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
}

/** The phone's search: full screen, the keyboard up at once. Rendered only while open. */
export default function PhoneSearch({ label, text, onText, onSubmit, onClose }: PhoneSearchProps) {
  return (
    <Modal opened onClose={onClose} fullScreen title="Search" transitionProps={{ transition: 'fade', duration: 150 }}>
      <form role="search" onSubmit={onSubmit}>
        <TextInput
          data-autofocus
          size="md"
          value={text}
          onChange={(event) => onText(event.currentTarget.value)}
          aria-label={label}
          placeholder={label}
          leftSection={<IconSearch size={18} aria-hidden="true" />}
          type="search"
          enterKeyHint="search"
        />
      </form>
    </Modal>
  );
}
