import { ActionIcon, Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun, type TablerIcon } from '@tabler/icons-react';

const options: { value: MantineColorScheme; label: string; icon: TablerIcon }[] = [
  { value: 'dark', label: 'Dark', icon: IconMoon },
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'auto', label: 'Match system', icon: IconDeviceDesktop },
];

/** Dark, light, or whatever the device is set to; remembered in this browser. */
export function ThemeMenu() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const current = options.find((option) => option.value === colorScheme) ?? options[0]!;
  const CurrentIcon = current.icon;
  return (
    <Menu position="bottom-end" width={180} withinPortal>
      <Menu.Target>
        <ActionIcon aria-label={`Theme: ${current.label}. Change theme`}>
          <CurrentIcon size={20} aria-hidden="true" />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Theme</Menu.Label>
        {options.map(({ value, label, icon: Icon }) => (
          <Menu.Item
            key={value}
            aria-current={value === colorScheme ? 'true' : undefined}
            leftSection={<Icon size={16} aria-hidden="true" />}
            rightSection={value === colorScheme ? <IconCheck size={16} aria-hidden="true" /> : null}
            onClick={() => setColorScheme(value)}
          >
            {label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
