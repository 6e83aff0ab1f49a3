import { AppError } from '../../platform/http/errors.js';

/** What an outbound channel sends about one notification. */
export interface OutboundMessage {
  type: string;
  title: string;
  body: string;
  /** Absolute when MediaNest's public URL is known. */
  link: string | null;
  username: string | null;
  createdAt: string;
}

export const DEFAULT_WEBHOOK_TEMPLATE =
  '{"type":"{{type}}","title":"{{title}}","body":"{{body}}","link":"{{link}}","user":"{{username}}","createdAt":"{{createdAt}}"}';

const placeholders = ['type', 'title', 'body', 'link', 'username', 'createdAt'] as const;

/** Inside a JSON string: the value escaped as JSON would escape it, without the quotes. */
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);

/** Fills `{{placeholder}}`s with JSON-escaped values; the result must be JSON. */
export function renderTemplate(template: string, message: OutboundMessage): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) =>
    (placeholders as readonly string[]).includes(name) ? jsonEscaped(message[name as (typeof placeholders)[number]] ?? '') : whole,
  );
}

/** Refuses a template that would not produce JSON, saying where. */
export function checkTemplate(template: string): void {
  const sample: OutboundMessage = {
    type: 'request.available',
    title: 'Dune "Part Two" is available',
    body: 'Line one\nline two',
    link: 'https://medianest.example/requests/1',
    username: 'alice',
    createdAt: new Date(0).toISOString(),
  };
  try {
    JSON.parse(renderTemplate(template, sample));
  } catch (error) {
    throw new AppError(
      'VALIDATION_FAILED',
      `body.template: must be JSON once its placeholders are filled (${(error as Error).message}). Put placeholders inside strings, e.g. "{"text":"{{title}}"}".`,
    );
  }
}

/** A Discord webhook message: bold title, body, link; mentions disabled. */
export function discordBody(message: OutboundMessage): string {
  const lines = [`**${message.title}**`, message.body, message.link ?? ''].filter(Boolean);
  return JSON.stringify({
    username: 'MediaNest',
    content: lines.join('\n').slice(0, 2000),
    allowed_mentions: { parse: [] },
  });
}
