-- The columns of every foreign key of the database, one row per column pair, a key's rows
-- together and in key order. (Joined with REFERENTIAL_CONSTRAINTS in SQL, MariaDB scans the
-- other table for every database on the server; two queries each read one database.)
select TABLE_NAME as table_name,
       CONSTRAINT_NAME as name,
       COLUMN_NAME as column_name,
       REFERENCED_TABLE_NAME as ref_table,
       REFERENCED_COLUMN_NAME as ref_column
  from information_schema.KEY_COLUMN_USAGE
 where TABLE_SCHEMA = ?
   and REFERENCED_TABLE_NAME is not null
 order by TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
