import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { anyOf } from './any-of.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type ActionHandler = (args: ActionArgs) => Promise<void>;

/**
 * Every button and menu of the app by action id, behind one Bolt listener. Bolt runs the matchers of
 * every registered listener on every request it receives, a slash command included, so each listener
 * costs every request an async middleware chain and a copy of its arguments: one listener for all the
 * actions costs what one costs, whatever their number.
 */
export class ActionRoutes {
  private readonly handlers = new Map<string, ActionHandler>();

  /** `handler` answers these action ids; an id has one handler. */
  on(actionIds: string | readonly string[], handler: ActionHandler): void {
    for (const id of typeof actionIds === 'string' ? [actionIds] : actionIds) {
      if (this.handlers.has(id)) throw new Error(`the Slack action ${id} has a handler already`);
      this.handlers.set(id, handler);
    }
  }

  /** The one Bolt listener, for the ids given so far. */
  register(app: App): void {
    app.action<BlockAction>(anyOf([...this.handlers.keys()]), async (args) => {
      await this.handlers.get(args.action.action_id)?.(args);
    });
  }
}
