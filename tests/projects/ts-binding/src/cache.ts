// A dictionary of pools by connection string, exported through a getter (issue 12).
import { Pool } from 'pg';

const pools: Record<string, Pool> = {};

export const poolFromUrl = (url: string) => {
  if (!pools[url]) {
    pools[url] = new Pool({ connectionString: url });
  }
  return pools[url];
};
