export type Role = 'admin' | 'facilitator';

export const ROLES: readonly Role[] = ['admin', 'facilitator'];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface LoginResponse extends Session {
  token: string;
}
