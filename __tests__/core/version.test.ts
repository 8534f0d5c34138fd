import { readFileSync } from 'node:fs';
import { VERSION } from '../../src/version';

test('VERSION matches package.json', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});
