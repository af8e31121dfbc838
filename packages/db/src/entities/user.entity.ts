import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, updatedAt, uuidPk } from './columns';

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

const lowerEmail = ({ entity }: { entity: { email: string } }) => {
  entity.email = entity.email.trim().toLowerCase();
};

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: uuidPk(),
    // Stored lower-cased (hooks below; the check keeps raw SQL honest too).
    email: p.string().length(320).unique(),
    passwordHash: p.text().nullable(),
    role: p.string().$type<UserRole>().length(10).default('user'),
    displayName: p.string().length(100).nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  }),
  checks: [
    // Spelled with OR: MikroORM reads `col = ANY (ARRAY[...])` checks back as enums and reports drift.
    { name: 'users_role_check', expression: "role = 'user' or role = 'admin'" },
    { name: 'users_email_lower_check', expression: 'email = lower(email)' },
  ],
  hooks: { beforeCreate: [lowerEmail], beforeUpdate: [lowerEmail] },
});
export type IUser = InferEntity<typeof User>;
