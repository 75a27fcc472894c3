-- CHECK constraints of every table of the database. MariaDB names a column-level CHECK after
-- its column and reports the table itself (check names are unique per table only).
select TABLE_NAME as table_name,
       CONSTRAINT_NAME as name,
       CHECK_CLAUSE as clause
  from information_schema.CHECK_CONSTRAINTS
 where CONSTRAINT_SCHEMA = ?
 order by TABLE_NAME, CONSTRAINT_NAME
