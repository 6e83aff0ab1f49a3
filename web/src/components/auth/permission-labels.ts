import type { PermissionName } from '@medianest/contracts';

/** What each permission lets a person do, in words for the admin's checkboxes and the profile. */
export const permissionLabels: Record<PermissionName, { label: string; description: string }> = {
  REQUEST: { label: 'Request', description: 'Ask for films and series through Overseerr' },
  REQUEST_4K: { label: 'Request in 4K', description: 'Ask for the 4K version too' },
  AUTO_APPROVE: { label: 'Auto-approve', description: 'Their requests are approved at once' },
  DOWNLOAD: { label: 'Download', description: 'Download YouTube videos into Plex' },
  MANAGE_REQUESTS: { label: 'Manage requests', description: 'Approve or decline everyone’s requests' },
  MANAGE_USERS: { label: 'Manage users', description: 'Change other users’ permissions, disable them' },
  MANAGE_SETTINGS: { label: 'Manage settings', description: 'Change the services and their settings' },
};
