/** One message of a chat thread, whatever the platform: the citizen's (in) or the prefeitura's (out). */
export type ThreadMessage =
  | { direction: 'in'; id: string; at: Date; text: string; type: string }
  | {
      direction: 'out';
      id: number;
      at: Date;
      text: string;
      kind: string;
      status: string;
      transport: string | null;
      lastError: string | null;
      content: Record<string, unknown>;
    };

/** Both lists come in order; the stable sort interleaves them by time, a message before its replies. */
export function byTime(messages: ThreadMessage[]): ThreadMessage[] {
  return messages.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1));
}
