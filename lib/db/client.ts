import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { studioPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: env().databaseUrl });
  return new PrismaClient({ adapter });
}

// One client per process; cached on globalThis so dev-mode reloads do not open new connections.
export const db: PrismaClient = (globalForPrisma.studioPrisma ??= createClient());

