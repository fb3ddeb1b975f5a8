/** Person events (GENERATOR.md §7.1). */
import { FIRST_PERSON_ID } from './config.js';
import { type EventPosition, type GeneratorPlan, lastBase0PersonId } from './ids.js';
import type { Person } from './model.js';
import type { NexmarkRandom } from './random.js';
import { nextExtra, nextString } from './strings.js';

export const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'] as const;
export const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'] as const;
export const CITIES = [
  'Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne',
] as const;
export const STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'] as const;

/** Four groups of four digits separated by spaces. */
function nextCreditCard(random: NexmarkRandom): string {
  let text = '';
  for (let i = 0; i < 4; i++) {
    const group = random.nextInt(10_000);
    text += (i > 0 ? ' ' : '') + (group < 10 ? '000' : group < 100 ? '00' : group < 1000 ? '0' : '') + group;
  }
  return text;
}

/** The person created by the event at `position` (its id follows from the event id). */
export function nextPerson(plan: GeneratorPlan, position: EventPosition, random: NexmarkRandom, padding: string): Person {
  const id = lastBase0PersonId(plan, position.eventId) + FIRST_PERSON_ID;
  const name = `${FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]!} ${LAST_NAMES[random.nextInt(LAST_NAMES.length)]!}`;
  const emailAddress = `${nextString(random, 7)}@${nextString(random, 5)}.com`;
  const creditCard = nextCreditCard(random);
  const city = CITIES[random.nextInt(CITIES.length)]!;
  const state = STATES[random.nextInt(STATES.length)]!;
  const currentSize = 8 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
  const extra = nextExtra(random, padding, currentSize, plan.config.avgPersonByteSize);
  return { id, name, emailAddress, creditCard, city, state, dateTime: position.timestamp, extra };
}
