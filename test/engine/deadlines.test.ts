import { asyncDeadline, workingDeadline } from '../../src/engine/deadlines';
import { settingsFor } from './table';

const H = 3_600_000;
const AMS = 'Europe/Amsterdam';

describe('asynchronous deadlines in working days', () => {
  it('a window within the week is not moved', () => {
    const tuesday10 = Date.UTC(2025, 5, 3, 8); // 10:00 in Amsterdam
    expect(workingDeadline(tuesday10, 24 * H, AMS)).toBe(tuesday10 + 24 * H);
  });

  it('a window that crosses the weekend is pushed by the weekend', () => {
    const friday12 = Date.UTC(2025, 5, 6, 10);
    expect(workingDeadline(friday12, 24 * H, AMS)).toBe(Date.UTC(2025, 5, 9, 10)); // Monday 12:00
  });

  it('a deadline falling on Saturday midnight exactly is pushed to Monday midnight', () => {
    const friday0 = Date.UTC(2025, 5, 5, 22); // Friday 00:00 in Amsterdam
    expect(workingDeadline(friday0, 24 * H, AMS)).toBe(Date.UTC(2025, 5, 8, 22)); // Monday 00:00
  });

  it('a window opened on a weekend starts counting on Monday', () => {
    const saturday10 = Date.UTC(2025, 5, 7, 8);
    expect(workingDeadline(saturday10, 24 * H, AMS)).toBe(Date.UTC(2025, 5, 9, 22)); // Tuesday 00:00
  });

  it('a week-long window crosses one weekend', () => {
    const monday9 = Date.UTC(2025, 5, 2, 7);
    expect(workingDeadline(monday9, 168 * H, AMS)).toBe(Date.UTC(2025, 5, 11, 7)); // Wednesday 9:00, a week and two days later
  });

  it('the weekend is measured on the local clock, across a daylight-saving change', () => {
    // Clocks go forward on Sunday 30 March 2025 in Amsterdam: that weekend is 47 hours long.
    const friday12 = Date.UTC(2025, 2, 28, 11); // 12:00 CET
    expect(workingDeadline(friday12, 24 * H, AMS)).toBe(Date.UTC(2025, 2, 31, 10)); // Monday 12:00 CEST
  });

  it('the weekend follows the time zone, not UTC', () => {
    // Friday 20:00 in Los Angeles is already Saturday in UTC, but two hours still fit the local Friday.
    const friday20LA = Date.UTC(2025, 5, 7, 3);
    expect(workingDeadline(friday20LA, 2 * H, 'America/Los_Angeles')).toBe(Date.UTC(2025, 5, 7, 5)); // Friday 22:00 LA
    // From Friday 23:00, one hour is left before the weekend and one comes after it.
    const friday23LA = Date.UTC(2025, 5, 7, 6);
    expect(workingDeadline(friday23LA, 2 * H, 'America/Los_Angeles')).toBe(Date.UTC(2025, 5, 9, 8)); // Monday 01:00 LA
  });

  it('without working days, a deadline is simply the window later', () => {
    const friday12 = Date.UTC(2025, 5, 6, 10);
    expect(asyncDeadline(friday12, 24, settingsFor('async'))).toBe(friday12 + 24 * H);
    expect(asyncDeadline(friday12, 24, settingsFor('async', { workingDaysOnly: true }))).toBe(Date.UTC(2025, 5, 9, 10));
  });
});
