import { Migration } from '@mikro-orm/migrations';

export class Migration20261126143659_personal_templates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "workflow_templates" add column "owner_id" uuid null;`);
    this.addSql(`alter table "workflow_templates" add constraint "workflow_templates_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "workflow_templates_owner_id_index" on "workflow_templates" ("owner_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "workflow_templates" drop constraint "workflow_templates_owner_id_foreign";`);

    this.addSql(`drop index "workflow_templates_owner_id_index";`);
    this.addSql(`alter table "workflow_templates" drop column "owner_id";`);
  }

}
