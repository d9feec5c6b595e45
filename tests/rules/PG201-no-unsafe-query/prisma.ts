// PG201 — Prisma: $queryRawUnsafe / $executeRawUnsafe and Prisma.raw take SQL text; the tagged
// $queryRaw`…` and Prisma.sql`…` send their holes as parameters.
import { PrismaClient, Prisma } from '@prisma/client';

const prisma = new PrismaClient();

export async function byEmail(email: string) {
  // ruleid: no-unsafe-query
  return prisma.$queryRawUnsafe(`SELECT id FROM "User" WHERE email = '${email}'`);
}

export async function byEmailSafely(email: string) {
  // ok: no-unsafe-query -- a positional parameter
  await prisma.$queryRawUnsafe('SELECT id FROM "User" WHERE email = $1', email);
  // ok: no-unsafe-query -- the tag sends the hole as a parameter
  await prisma.$queryRaw`SELECT id FROM "User" WHERE email = ${email}`;
  // ok: no-unsafe-query
  return prisma.$queryRaw(Prisma.sql`SELECT id FROM "User" WHERE email = ${email}`);
}

export async function purge(team: string) {
  // ruleid: no-unsafe-query
  await prisma.$executeRawUnsafe('DELETE FROM "Member" WHERE team = \'' + team + "'");
}

export async function sorted(direction: string) {
  // ruleid: no-unsafe-query
  const order = Prisma.raw(`ORDER BY "createdAt" ${direction}`);
  return prisma.$queryRaw`SELECT id FROM "User" ${order}`;
}
