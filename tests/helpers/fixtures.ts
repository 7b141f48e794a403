import fs from 'fs';
import path from 'path';
import { APP_DIR } from './strapi';

export const FIXTURES_DIR = path.join(APP_DIR, 'src', 'plugins', 'content-normalizer', 'fixtures');
export const SHARED_SEED_DIR = path.resolve(APP_DIR, '..', 'shared', 'corpus', 'seed');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}

export function readExpectation(name: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name.replace(/\.\w+$/, '.expected.json')), 'utf8'));
}

export const hasSharedSeed = () => fs.existsSync(path.join(SHARED_SEED_DIR, 'el-salvador-prison-deal.txt'));
