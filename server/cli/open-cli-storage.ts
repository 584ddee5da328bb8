/** Opens the configured conversation database for a CLI, or explains why there is none. */
import type { Config } from '../config.js';
import { openStorage, type Storage } from '../storage/storage.js';

export async function openCliStorage(config: Config): Promise<Storage> {
  if (!config.storage) throw new Error('PERSISTENCE=off: there is no conversation database to use.');
  return openStorage(config.storage.target);
}
