import { describe, expect, it } from 'vitest';
import { readCardAction } from '../../adapters/teams/card-action-data.js';
import { commandForCardAction } from '../../adapters/teams/card-actions.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { ACTION_IDS } from '../../src/messages/message.js';

const click = (action: string, inputs: Record<string, string> = {}) =>
  readCardAction(action, { action, value: 'C-7', ...inputs })!;

describe('a card click as a command', () => {
  it('Mark done, with or without the closing note', () => {
    expect(commandForCardAction(click(ACTION_IDS.markDone, { 'closingNote.C-7': '  Signed  ' }))).toEqual({
      kind: 'done',
      id: 'C-7',
      note: 'Signed',
    });
    expect(commandForCardAction(click(ACTION_IDS.markDone, { 'closingNote.C-7': ' ' }))).toEqual({
      kind: 'done',
      id: 'C-7',
    });
  });

  it('Snooze a day or a week', () => {
    expect(commandForCardAction(click(ACTION_IDS.snoozeDay))).toMatchObject({
      kind: 'snooze',
      duration: { text: '1d' },
    });
    expect(commandForCardAction(click(ACTION_IDS.snoozeWeek))).toMatchObject({
      kind: 'snooze',
      duration: { text: '1w' },
    });
  });

  it('Post update needs a note; a status is optional and must be an active one', () => {
    expect(
      commandForCardAction(
        click(ACTION_IDS.postUpdate, { 'updateNote.C-7': 'late', 'updateStatus.C-7': 'blocked' }),
      ),
    ).toEqual({
      kind: 'update',
      id: 'C-7',
      status: 'blocked',
      note: 'late',
    });
    expect(() => commandForCardAction(click(ACTION_IDS.postUpdate))).toThrow(CommandSyntaxError);
    expect(() =>
      commandForCardAction(
        click(ACTION_IDS.postUpdate, { 'updateNote.C-7': 'x', 'updateStatus.C-7': 'done' }),
      ),
    ).toThrow(/not a status/);
  });

  it('Change deadline needs both the date and the reason', () => {
    expect(
      commandForCardAction(
        click(ACTION_IDS.changeDeadline, { 'newDue.C-7': '2027-01-15', 'dueReason.C-7': 'cabinet' }),
      ),
    ).toEqual({
      kind: 'update',
      id: 'C-7',
      dueText: '2027-01-15',
      reason: 'cabinet',
    });
    expect(() =>
      commandForCardAction(click(ACTION_IDS.changeDeadline, { 'newDue.C-7': '2027-01-15' })),
    ).toThrow(/say why/);
  });

  it('inputs of another commitment on the same card are not read', () => {
    expect(commandForCardAction(click(ACTION_IDS.markDone, { 'closingNote.C-8': 'not mine' }))).toEqual({
      kind: 'done',
      id: 'C-7',
    });
  });

  it('data that is not one of the bot’s buttons is ignored', () => {
    expect(readCardAction('other.verb', { value: 'C-7' })).toBeUndefined();
    expect(readCardAction(undefined, { action: ACTION_IDS.markDone })).toBeUndefined();
    expect(readCardAction(undefined, 'text')).toBeUndefined();
    expect(readCardAction(undefined, { action: ACTION_IDS.markDone, value: 'C-7' })?.action).toBe(
      ACTION_IDS.markDone,
    );
  });
});
