//! The migrations and migrators the runner tests apply: three that work, and ones that fail
//! halfway up, halfway down, or after reading the database.

use schema_engine::runner::TrackedMigrator;
use sea_orm_migration::async_trait::async_trait;
use sea_orm_migration::prelude::*;

use super::LOCK;

#[derive(Iden)]
pub enum Item {
    Table,
    Id,
    Name,
}

#[derive(Iden)]
pub enum Tag {
    Table,
    Id,
    ItemId,
    Label,
}

pub struct CreateItem;

impl MigrationName for CreateItem {
    fn name(&self) -> &str {
        "m0001_create_item"
    }
}

#[async_trait]
impl MigrationTrait for CreateItem {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Item::Table)
                    .col(
                        ColumnDef::new(Item::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Item::Name).string_len(100).not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Item::Table).to_owned())
            .await
    }
}

pub struct CreateTag;

impl MigrationName for CreateTag {
    fn name(&self) -> &str {
        "m0002_create_tag"
    }
}

#[async_trait]
impl MigrationTrait for CreateTag {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tag::Table)
                    .col(
                        ColumnDef::new(Tag::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Tag::ItemId).integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Tag::Table, Tag::ItemId)
                            .to(Item::Table, Item::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Tag::Table).to_owned())
            .await
    }
}

pub struct AddLabel;

impl MigrationName for AddLabel {
    fn name(&self) -> &str {
        "m0003_add_label"
    }
}

#[async_trait]
impl MigrationTrait for AddLabel {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tag::Table)
                    .add_column(ColumnDef::new(Tag::Label).string_len(50).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tag::Table)
                    .drop_column(Tag::Label)
                    .to_owned(),
            )
            .await
    }
}

/// `HalfwayFailure` creates a table, then runs a statement that fails.
pub struct HalfwayFailure;

impl MigrationName for HalfwayFailure {
    fn name(&self) -> &str {
        "m0002_halfway"
    }
}

#[async_trait]
impl MigrationTrait for HalfwayFailure {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("half"))
                    .col(ColumnDef::new(Alias::new("id")).integer().primary_key())
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE no_such_table ADD COLUMN x int")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("never"))
                    .col(ColumnDef::new(Alias::new("id")).integer().primary_key())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(CreateItem),
            Box::new(CreateTag),
            Box::new(AddLabel),
        ]
    }
}

impl TrackedMigrator for Migrator {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[
            ("m0001_create_item", "c1"),
            ("m0002_create_tag", "c2"),
            ("m0003_add_label", "c3"),
        ]
    }

    fn lock_name() -> &'static str {
        LOCK
    }
}

pub struct FailingMigrator;

impl MigratorTrait for FailingMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(CreateItem), Box::new(HalfwayFailure)]
    }
}

impl TrackedMigrator for FailingMigrator {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[("m0001_create_item", "c1"), ("m0002_halfway", "c2")]
    }

    fn lock_name() -> &'static str {
        LOCK
    }
}

pub struct ReadingFailure;

impl MigrationName for ReadingFailure {
    fn name(&self) -> &str {
        "m0002_reading"
    }
}

#[async_trait]
impl MigrationTrait for ReadingFailure {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !manager.has_table("half").await? {
            manager
                .create_table(
                    Table::create()
                        .table(Alias::new("half"))
                        .col(ColumnDef::new(Alias::new("id")).integer().primary_key())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("half"))
                    .col(ColumnDef::new(Alias::new("id")).integer().primary_key())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

pub struct ReadingMigrator;

impl MigratorTrait for ReadingMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(CreateItem), Box::new(ReadingFailure)]
    }
}

impl TrackedMigrator for ReadingMigrator {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[("m0001_create_item", "c1"), ("m0002_reading", "c2")]
    }

    fn lock_name() -> &'static str {
        LOCK
    }
}

pub struct HalfwayDown;

impl MigrationName for HalfwayDown {
    fn name(&self) -> &str {
        "m0002_halfway_down"
    }
}

#[async_trait]
impl MigrationTrait for HalfwayDown {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["first_half", "second_half"] {
            manager
                .create_table(
                    Table::create()
                        .table(Alias::new(table))
                        .col(ColumnDef::new(Alias::new("id")).integer().primary_key())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new("second_half")).to_owned())
            .await?;
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE no_such_table DROP COLUMN x")
            .await?;
        manager
            .drop_table(Table::drop().table(Alias::new("first_half")).to_owned())
            .await
    }
}

pub struct FailingDownMigrator;

impl MigratorTrait for FailingDownMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(CreateItem), Box::new(HalfwayDown)]
    }
}

impl TrackedMigrator for FailingDownMigrator {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[("m0001_create_item", "c1"), ("m0002_halfway_down", "c2")]
    }

    fn lock_name() -> &'static str {
        LOCK
    }
}
