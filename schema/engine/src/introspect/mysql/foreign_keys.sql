-- Foreign keys of every table of the database, one row per column pair in key order, with
-- their referential actions as reported (NO ACTION and RESTRICT kept apart).
select k.TABLE_NAME as table_name,
       k.CONSTRAINT_NAME as name,
       k.COLUMN_NAME as column_name,
       k.REFERENCED_TABLE_NAME as ref_table,
       k.REFERENCED_COLUMN_NAME as ref_column,
       r.UPDATE_RULE as on_update,
       r.DELETE_RULE as on_delete
  from information_schema.KEY_COLUMN_USAGE k
  join information_schema.REFERENTIAL_CONSTRAINTS r
    on r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
   and r.TABLE_NAME = k.TABLE_NAME
   and r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
 where k.TABLE_SCHEMA = ?
   and r.CONSTRAINT_SCHEMA = ?
   and k.REFERENCED_TABLE_NAME is not null
 order by k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
