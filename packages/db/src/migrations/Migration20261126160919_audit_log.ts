import { Migration } from '@mikro-orm/migrations';

export class Migration20261126160919_audit_log extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" uuid not null default gen_random_uuid(), "at" timestamptz not null default now(), "actor_id" uuid null, "actor_kind" text check ("actor_kind" in ('user', 'api_token', 'system')) not null, "action" varchar(100) not null, "target_type" varchar(30) null, "target_id" varchar(100) null, "outcome" varchar(50) not null, "request_id" varchar(100) null, "ip" varchar(45) null, "details" jsonb not null default '{}', constraint "audit_log_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at", "id");`);
    this.addSql(`create index "audit_log_target_index" on "audit_log" ("target_type", "target_id", "at");`);
    this.addSql(`create index "audit_log_actor_index" on "audit_log" ("actor_id", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
  }

}
