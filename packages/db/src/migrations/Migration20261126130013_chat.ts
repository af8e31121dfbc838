import { Migration } from '@mikro-orm/migrations';

export class Migration20261126130013_chat extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "chat_threads" ("id" uuid not null default gen_random_uuid(), "user_id" uuid not null, "title" varchar(200) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "chat_threads_pkey" primary key ("id"));`);
    this.addSql(`create index "chat_threads_user_id_updated_at_index" on "chat_threads" ("user_id", "updated_at");`);

    this.addSql(`create table "chat_messages" ("id" varchar(100) not null, "thread_id" uuid not null, "role" varchar(20) not null, "parts" jsonb not null, "created_at" timestamptz not null default now(), constraint "chat_messages_pkey" primary key ("id"));`);
    this.addSql(`create index "chat_messages_thread_id_created_at_index" on "chat_messages" ("thread_id", "created_at");`);

    this.addSql(`alter table "chat_threads" add constraint "chat_threads_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "chat_messages" add constraint "chat_messages_thread_id_foreign" foreign key ("thread_id") references "chat_threads" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "chat_messages" drop constraint "chat_messages_thread_id_foreign";`);

    this.addSql(`drop table if exists "chat_threads" cascade;`);

    this.addSql(`drop table if exists "chat_messages" cascade;`);
  }

}
