// The connection type on its own, so that migrations and their runner need not import the opener.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
