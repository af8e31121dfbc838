import { Migration } from '@mikro-orm/migrations';

export class Migration20261126125954_ai_response_cache extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ai_response_cache" ("key" varchar(64) not null, "response" text not null, "model" varchar(100) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, constraint "ai_response_cache_pkey" primary key ("key"));`);
    this.addSql(`create index "ai_response_cache_expires_at_index" on "ai_response_cache" ("expires_at");`);

    this.addSql(`alter table "ai_step_executions" add column "cached" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ai_response_cache" cascade;`);

    this.addSql(`alter table "ai_step_executions" drop column "cached";`);
  }

}
