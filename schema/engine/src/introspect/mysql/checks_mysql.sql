-- CHECK constraints of every table of the database. MySQL's CHECK_CONSTRAINTS has no table
-- name; check names are unique per database, so TABLE_CONSTRAINTS supplies the table.
select t.TABLE_NAME as table_name,
       c.CONSTRAINT_NAME as name,
       c.CHECK_CLAUSE as clause
  from information_schema.TABLE_CONSTRAINTS t
  join information_schema.CHECK_CONSTRAINTS c
    on c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA
   and c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
 where t.TABLE_SCHEMA = ?
   and c.CONSTRAINT_SCHEMA = ?
   and t.CONSTRAINT_TYPE = 'CHECK'
 order by t.TABLE_NAME, c.CONSTRAINT_NAME
