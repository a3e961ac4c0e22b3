import type { ChatMessage, MeetingInfo, RoomId } from '@parley/protocol';

const pad = (n: number) => String(n).padStart(2, '0');
/** `2026-12-05 14:03`, in the reader's own time zone. */
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
/** Markdown that would change how a line reads is shown as typed. */
const escape = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');

/**
 * The meeting's chat as a Markdown file: a heading naming the room and when
 * the meeting started, then every message in order, one paragraph each
 * (system lines in italics). Times are the reader's local time.
 */
export function chatTranscript(room: RoomId, meeting: MeetingInfo, messages: readonly ChatMessage[], now = Date.now()): string {
  const lines = [
    `# Chat of the meeting in room ${room}`,
    '',
    `Meeting started ${stamp(meeting.startedAt)}; downloaded ${stamp(now)}. ${messages.length} message${messages.length === 1 ? '' : 's'}.`,
    '',
  ];
  for (const message of messages) {
    const time = stamp(message.ts).slice(11);
    if (message.kind === 'system') lines.push(`*${time} · ${escape(message.text)}*`, '');
    else lines.push(`**${time} ${escape(message.senderName)}:** ${escape(message.text).replace(/\n/g, '  \n')}`, '');
  }
  return lines.join('\n');
}

/** The file name for a meeting's chat: `parley-chat-<room>-<start>.md`. */
export function transcriptName(room: RoomId, meeting: MeetingInfo): string {
  return `parley-chat-${room}-${stamp(meeting.startedAt).replace(/[: ]/g, '-')}.md`;
}

/** Hands `text` to the browser as a download named `name`. */
export function saveText(document: Document, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
