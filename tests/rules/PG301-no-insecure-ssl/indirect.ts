// PG301 no-insecure-ssl — computed keys and falsy numbers (TypeScript).
import { Pool } from 'pg';

// ruleid: no-insecure-ssl
export const bracketed = new Pool({ ['ssl']: { ['rejectUnauthorized']: false } });

// ruleid: no-insecure-ssl
export const zero = new Pool({ ssl: { rejectUnauthorized: 0 } as const });

// ok: no-insecure-ssl
export const verified = new Pool({ ['ssl']: { rejectUnauthorized: true } });

const production = process.env.NODE_ENV === 'production';

// ruleid: no-insecure-ssl
export const oneBranch = new Pool({ ssl: production ? undefined : { rejectUnauthorized: false } });
