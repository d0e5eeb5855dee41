import type { Schema } from './client';

export type Role = Schema<'Role'>;

export const ROLES: readonly Role[] = ['admin', 'facilitator'];

export type User = Schema<'User'>;

/** The caller (GET /auth/me): an account with its user, or a participant or observer. */
export type Session = Schema<'Session'>;

export type LoginResponse = Schema<'LoginResult'>;
