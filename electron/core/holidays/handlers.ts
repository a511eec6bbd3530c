/** holiday.* procedures: the calendar, and IT's import of a year with a second person's approval. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { calendarState, checkHolidayImport, importHolidays } from './holiday-admin';

export const holidayHandlers: HandlersOf<'holiday'> = {
  'holiday.calendar': (ctx) => calendarState(signedIn(ctx)),
  'holiday.check': (ctx, input) => checkHolidayImport(signedIn(ctx), input.text),
  'holiday.import': (ctx, input) => importHolidays(signedIn(ctx), input.text, input.sha256, input.approval),
};
