import { afterAll } from 'vitest';
import { removeTestDataDirs } from './data-dirs.ts';

// Runs after every test file: the temporary data folders its test configs made are removed.
afterAll(() => {
  removeTestDataDirs();
});
