import { Migration } from '@mikro-orm/migrations';

export class Migration20261126161349_workflow_step_stats extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "workflow_step_stats" ("definition_id" uuid not null, "day" date not null, "step_id" varchar(255) not null, "reached" int not null default 0, "completed" int not null default 0, "abandoned" int not null default 0, constraint "workflow_step_stats_pkey" primary key ("definition_id", "day", "step_id"));`);

    this.addSql(`create table "workflow_step_stats_runs" ("execution_id" uuid not null, "version" int not null, "definition_id" uuid not null, "day" date not null, "reached" text[] not null, "completed" text[] not null, "abandoned" text[] not null, constraint "workflow_step_stats_runs_pkey" primary key ("execution_id"));`);
    this.addSql(`create index "workflow_step_stats_runs_definition_day_index" on "workflow_step_stats_runs" ("definition_id", "day") include ("execution_id", "version");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "workflow_step_stats" cascade;`);

    this.addSql(`drop table if exists "workflow_step_stats_runs" cascade;`);
  }

}
