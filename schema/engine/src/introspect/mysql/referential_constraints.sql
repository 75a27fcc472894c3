-- The referential actions of every foreign key of the database, as reported (NO ACTION and
-- RESTRICT kept apart).
select TABLE_NAME as table_name,
       CONSTRAINT_NAME as name,
       UPDATE_RULE as on_update,
       DELETE_RULE as on_delete
  from information_schema.REFERENTIAL_CONSTRAINTS
 where CONSTRAINT_SCHEMA = ?
