import type { Message } from '../../src/messages/message.js';
import type { ChatGateway, MessageRef } from '../../src/ports/chat-gateway.js';
import { renderText } from './render-text.js';

/** Posts from the scheduler, printed on the terminal: reminders and digests for a console-linked agency. */
export class ConsoleGateway implements ChatGateway {
  readonly platform = 'console' as const;
  private sequence = 0;

  constructor(private readonly output: NodeJS.WritableStream) {}

  async post(channelId: string, message: Message): Promise<MessageRef> {
    const ref = { platform: this.platform, channelId, messageId: String(++this.sequence) };
    this.output.write(`\n📣 ${renderText(message)}\n\n`);
    return ref;
  }

  async reply(parent: MessageRef, message: Message): Promise<MessageRef> {
    this.output.write(`   ↳ ${renderText(message).replace(/\n/g, '\n     ')}\n\n`);
    return { ...parent, messageId: `${parent.messageId}.${++this.sequence}` };
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    this.output.write(`\n✏️  (updated ${ref.messageId}) ${renderText(message)}\n\n`);
  }
}
