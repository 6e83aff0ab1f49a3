export {
  UptimeKumaClient,
  type KumaConnection,
  type KumaMonitor,
  type KumaMonitorState,
  type KumaStatusPage,
} from './uptimekuma.client.js';
