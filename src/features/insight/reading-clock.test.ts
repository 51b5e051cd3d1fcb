import { ReadingClock } from './reading-clock';

it('counts only the time the page is shown', () => {
  let t = 0;
  const clock = new ReadingClock(() => t);
  clock.show();
  t = 12_500;
  expect(clock.seconds()).toBe(12);
  clock.hide();
  t = 60_000;
  expect(clock.seconds()).toBe(12);
  clock.show();
  clock.show();
  t = 68_000;
  expect(clock.seconds()).toBe(20);
});
