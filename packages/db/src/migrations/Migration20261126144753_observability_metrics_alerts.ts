import { Migration } from '@mikro-orm/migrations';

export class Migration20261126144753_observability_metrics_alerts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alerts" ("id" uuid not null default gen_random_uuid(), "kind" varchar(50) not null, "subject" varchar(255) not null, "value" numeric(15,4) not null, "threshold" numeric(15,4) not null, "opened_at" timestamptz not null default now(), "cleared_at" timestamptz null, constraint "alerts_pkey" primary key ("id"));`);
    this.addSql(`create unique index "alerts_one_open_per_subject" on "alerts" ("kind", "subject") where "cleared_at" is null;`);
    this.addSql(`create index "alerts_opened_at_index" on "alerts" ("opened_at");`);

    this.addSql(`drop index "workflow_execution_metrics_execution_id_index";`);

    this.addSql(`alter table "workflow_execution_metrics" add constraint "workflow_execution_metrics_execution_metric_unique" unique ("execution_id", "metric_name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alerts" cascade;`);

    this.addSql(`alter table "workflow_execution_metrics" drop constraint "workflow_execution_metrics_execution_metric_unique";`);

    this.addSql(`create index "workflow_execution_metrics_execution_id_index" on "workflow_execution_metrics" ("execution_id");`);
  }

}
