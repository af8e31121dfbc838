import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113434_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null default gen_random_uuid(), "email" varchar(320) not null, "password_hash" text null, "role" varchar(10) not null default 'user', "display_name" varchar(100) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "users_pkey" primary key ("id"), constraint users_role_check check (role = 'user' or role = 'admin'), constraint users_email_lower_check check (email = lower(email)));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "workflow_categories" ("id" uuid not null default gen_random_uuid(), "name" varchar(100) not null, "description" text null, "parent_id" uuid null, "created_at" timestamptz not null default now(), constraint "workflow_categories_pkey" primary key ("id"));`);
    this.addSql(`alter table "workflow_categories" add constraint "workflow_categories_name_unique" unique ("name");`);

    this.addSql(`create table "workflow_definitions" ("id" uuid not null default gen_random_uuid(), "workflow_id" uuid not null, "version" int not null, "is_latest" boolean not null default true, "name" varchar(255) not null, "description" text null, "category" varchar(100) not null, "definition" jsonb not null, "ai_configurable" boolean not null default true, "created_by" varchar(50) not null default 'system', "owner_id" uuid null, "archived_at" timestamptz null, "usage_count" int not null default 0, "rating" numeric(3,2) not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "workflow_definitions_pkey" primary key ("id"));`);
    this.addSql(`create index "workflow_definitions_owner_id_is_latest_index" on "workflow_definitions" ("owner_id", "is_latest");`);
    this.addSql(`create unique index "workflow_definitions_one_latest_per_workflow" on "workflow_definitions" ("workflow_id") where "is_latest";`);
    this.addSql(`alter table "workflow_definitions" add constraint "workflow_definitions_workflow_id_version_unique" unique ("workflow_id", "version");`);

    this.addSql(`create table "ai_workflow_generations" ("id" uuid not null default gen_random_uuid(), "user_id" uuid not null, "requirements" jsonb not null, "generated_workflow_id" uuid null, "ai_model" varchar(100) not null, "generation_time_ms" int null, "success" boolean not null, "error_message" text null, "created_at" timestamptz not null default now(), constraint "ai_workflow_generations_pkey" primary key ("id"));`);
    this.addSql(`create index "ai_workflow_generations_user_id_index" on "ai_workflow_generations" ("user_id");`);

    this.addSql(`create table "workflow_executions" ("id" uuid not null default gen_random_uuid(), "workflow_id" uuid not null, "user_id" uuid not null, "session_id" varchar(255) not null, "status" varchar(20) not null, "context" jsonb not null, "results" jsonb null, "error" jsonb null, "error_message" text null, "version" int not null default 0, "lease_owner" varchar(100) null, "lease_expires_at" timestamptz null, "started_at" timestamptz not null default now(), "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "workflow_executions_pkey" primary key ("id"));`);
    // Room on each page for in-place (HOT) updates: a run row is rewritten on every step commit.
    this.addSql(`alter table "workflow_executions" set (fillfactor = 70);`);
    this.addSql(`create index "workflow_executions_user_status_created_index" on "workflow_executions" ("user_id", "status", "created_at" desc);`);
    this.addSql(`create index "workflow_executions_workflow_id_status_index" on "workflow_executions" ("workflow_id", "status");`);
    this.addSql(`create index "workflow_executions_recoverable_index" on "workflow_executions" ("lease_expires_at") where "status" in ('pending', 'running');`);

    this.addSql(`create table "workflow_execution_metrics" ("id" uuid not null default gen_random_uuid(), "execution_id" uuid not null, "metric_name" varchar(100) not null, "metric_value" numeric(15,4) not null, "metric_unit" varchar(50) null, "recorded_at" timestamptz not null default now(), constraint "workflow_execution_metrics_pkey" primary key ("id"));`);
    this.addSql(`create index "workflow_execution_metrics_execution_id_index" on "workflow_execution_metrics" ("execution_id");`);

    this.addSql(`create table "workflow_learning_data" ("id" uuid not null default gen_random_uuid(), "execution_id" uuid null, "user_feedback" jsonb null, "performance_metrics" jsonb null, "improvement_suggestions" jsonb null, "created_at" timestamptz not null default now(), constraint "workflow_learning_data_pkey" primary key ("id"));`);
    this.addSql(`create index "workflow_learning_data_execution_id_index" on "workflow_learning_data" ("execution_id");`);

    this.addSql(`create table "workflow_step_executions" ("id" uuid not null default gen_random_uuid(), "execution_id" uuid not null, "step_id" varchar(255) not null, "step_type" varchar(50) not null, "attempt" int not null, "status" varchar(20) not null, "waiting_for" varchar(10) null, "input_data" jsonb null, "output_data" jsonb null, "error" jsonb null, "error_message" text null, "feedback" text null, "execution_time_ms" int null, "started_at" timestamptz null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "workflow_step_executions_pkey" primary key ("id"));`);
    this.addSql(`alter table "workflow_step_executions" add constraint "workflow_step_executions_execution_step_attempt_unique" unique ("execution_id", "step_id", "attempt");`);

    this.addSql(`create table "ai_step_executions" ("id" uuid not null default gen_random_uuid(), "step_execution_id" uuid null, "ai_model" varchar(100) not null, "prompt" text not null, "response" text not null, "tokens_used" int null, "cost_usd" numeric(10,4) null, "execution_time_ms" int null, "created_at" timestamptz not null default now(), constraint "ai_step_executions_pkey" primary key ("id"));`);
    this.addSql(`create index "ai_step_executions_step_execution_id_index" on "ai_step_executions" ("step_execution_id");`);

    this.addSql(`create table "workflow_templates" ("id" uuid not null default gen_random_uuid(), "key" varchar(100) not null, "name" varchar(255) not null, "description" text null, "category" varchar(100) not null, "category_id" uuid null, "template" jsonb not null, "ai_generated" boolean not null default false, "usage_count" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "workflow_templates_pkey" primary key ("id"));`);
    this.addSql(`alter table "workflow_templates" add constraint "workflow_templates_key_unique" unique ("key");`);

    this.addSql(`alter table "workflow_categories" add constraint "workflow_categories_parent_id_foreign" foreign key ("parent_id") references "workflow_categories" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "workflow_definitions" add constraint "workflow_definitions_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "ai_workflow_generations" add constraint "ai_workflow_generations_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ai_workflow_generations" add constraint "ai_workflow_generations_generated_workflow_id_foreign" foreign key ("generated_workflow_id") references "workflow_definitions" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "workflow_executions" add constraint "workflow_executions_workflow_id_foreign" foreign key ("workflow_id") references "workflow_definitions" ("id") on update cascade;`);
    this.addSql(`alter table "workflow_executions" add constraint "workflow_executions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "workflow_execution_metrics" add constraint "workflow_execution_metrics_execution_id_foreign" foreign key ("execution_id") references "workflow_executions" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "workflow_learning_data" add constraint "workflow_learning_data_execution_id_foreign" foreign key ("execution_id") references "workflow_executions" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "workflow_step_executions" add constraint "workflow_step_executions_execution_id_foreign" foreign key ("execution_id") references "workflow_executions" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "ai_step_executions" add constraint "ai_step_executions_step_execution_id_foreign" foreign key ("step_execution_id") references "workflow_step_executions" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "workflow_templates" add constraint "workflow_templates_category_id_foreign" foreign key ("category_id") references "workflow_categories" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "workflow_definitions" drop constraint "workflow_definitions_owner_id_foreign";`);

    this.addSql(`alter table "ai_workflow_generations" drop constraint "ai_workflow_generations_user_id_foreign";`);

    this.addSql(`alter table "workflow_executions" drop constraint "workflow_executions_user_id_foreign";`);

    this.addSql(`alter table "workflow_categories" drop constraint "workflow_categories_parent_id_foreign";`);

    this.addSql(`alter table "workflow_templates" drop constraint "workflow_templates_category_id_foreign";`);

    this.addSql(`alter table "ai_workflow_generations" drop constraint "ai_workflow_generations_generated_workflow_id_foreign";`);

    this.addSql(`alter table "workflow_executions" drop constraint "workflow_executions_workflow_id_foreign";`);

    this.addSql(`alter table "workflow_execution_metrics" drop constraint "workflow_execution_metrics_execution_id_foreign";`);

    this.addSql(`alter table "workflow_learning_data" drop constraint "workflow_learning_data_execution_id_foreign";`);

    this.addSql(`alter table "workflow_step_executions" drop constraint "workflow_step_executions_execution_id_foreign";`);

    this.addSql(`alter table "ai_step_executions" drop constraint "ai_step_executions_step_execution_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "workflow_categories" cascade;`);

    this.addSql(`drop table if exists "workflow_definitions" cascade;`);

    this.addSql(`drop table if exists "ai_workflow_generations" cascade;`);

    this.addSql(`drop table if exists "workflow_executions" cascade;`);

    this.addSql(`drop table if exists "workflow_execution_metrics" cascade;`);

    this.addSql(`drop table if exists "workflow_learning_data" cascade;`);

    this.addSql(`drop table if exists "workflow_step_executions" cascade;`);

    this.addSql(`drop table if exists "ai_step_executions" cascade;`);

    this.addSql(`drop table if exists "workflow_templates" cascade;`);
  }

}
