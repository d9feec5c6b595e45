// PG302 no-hardcoded-credentials — @vercel/postgres re-exports Pool and Client (TypeScript).
import { Pool, Client } from '@vercel/postgres';

// ruleid: no-hardcoded-credentials
export const pool = new Pool({ connectionString: 'postgres://app:pa55@db.example.net/app' });

// ruleid: no-hardcoded-credentials
export const client = new Client({ user: 'app', ['password']: 'pa55' });

// ok: no-hardcoded-credentials
export const fromEnv = new Pool({ connectionString: process.env.POSTGRES_URL });

const dbHost: string = process.env.DB_HOST ?? 'db';

// ruleid: no-hardcoded-credentials
export const templated = new Pool({ connectionString: `postgres://app:pa55@${dbHost}:5432/app` });
