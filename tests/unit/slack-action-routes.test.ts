import { describe, expect, it } from 'vitest';
import { ActionRoutes } from '../../adapters/slack/action-routes.js';

describe('ActionRoutes', () => {
  it('refuses a second handler for an action id, so that no button is answered twice', () => {
    const routes = new ActionRoutes();
    routes.on(['commitment.done', 'commitment.snooze-1d'], async () => undefined);
    expect(() => routes.on('commitment.snooze-1d', async () => undefined)).toThrow(/commitment.snooze-1d/);
  });
});
