// The calendar module's public face: working-day arithmetic for every deadline in the product.
export { loadWorkingDays } from './calendar.service.ts';
