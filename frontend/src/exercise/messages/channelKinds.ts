import type { MessageChannel } from './api';

/**
 * The channels a team of the given kind may use; every channel when the kind is
 * unknown (the server decides).
 */
export function usableChannels<C extends Pick<MessageChannel, 'kinds'>>(
  channels: readonly C[],
  kind: MessageChannel['kinds'][number] | undefined,
): C[] {
  return kind ? channels.filter((c) => c.kinds.includes(kind)) : [...channels];
}
